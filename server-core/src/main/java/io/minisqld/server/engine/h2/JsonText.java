package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.h2.JsonValue.JsonArray;
import io.minisqld.server.engine.h2.JsonValue.JsonBoolean;
import io.minisqld.server.engine.h2.JsonValue.JsonDecimal;
import io.minisqld.server.engine.h2.JsonValue.JsonDouble;
import io.minisqld.server.engine.h2.JsonValue.JsonInteger;
import io.minisqld.server.engine.h2.JsonValue.JsonNull;
import io.minisqld.server.engine.h2.JsonValue.JsonObject;
import io.minisqld.server.engine.h2.JsonValue.JsonString;
import io.minisqld.server.engine.h2.JsonValue.JsonTemporal;
import io.minisqld.server.engine.h2.JsonValue.JsonUnsigned;
import io.minisqld.server.error.ErrorCode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * JSON text as MySQL 5.7 reads and writes it.
 * <p>
 * Reading is RFC 8259 as MySQL's parser (rapidjson) applies it, with its error messages and the
 * byte offset it reports them at ({@link SyntaxError}): an integer that fits 64 signed bits is an
 * INTEGER, one that fits 64 unsigned bits an UNSIGNED INTEGER, any other number a DOUBLE ({@code -0}
 * is the integer 0); the first of duplicate keys wins; a document nests at most 100 levels (3157).
 * <p>
 * Writing is MySQL's: {@code ", "} between elements and members, {@code ": "} after a key, keys
 * in the object's order, strings escaped as MySQL's {@code double_quote} does (quote, backslash,
 * \b \f \n \r \t, other control characters below 0x1F as <code>&#92;u00xx</code>; everything else as it is),
 * doubles as MySQL prints a DOUBLE, temporal values with six fractional digits.
 */
final class JsonText {
    /** MySQL's JSON_DOCUMENT_MAX_DEPTH. */
    private static final int MAX_DEPTH = 100;

    /** JSON text MySQL refuses: rapidjson's message and the byte offset it gives. */
    static final class SyntaxError extends Exception {
        private final int position;

        SyntaxError(String message, int position) {
            super(message, null, false, false);
            this.position = position;
        }

        int position() {
            return position;
        }
    }

    private final byte[] in;
    private int at;

    private JsonText(byte[] in) {
        this.in = in;
    }

    /** The value the text is. */
    static JsonValue parse(String text) throws SyntaxError {
        JsonText p = new JsonText(text.getBytes(StandardCharsets.UTF_8));
        p.skipBlanks();
        if (p.at >= p.in.length) throw new SyntaxError("The document is empty.", p.at);
        JsonValue v = p.value(0);
        p.skipBlanks();
        if (p.at < p.in.length) {
            throw new SyntaxError("The document root must not be followed by other values.", p.at);
        }
        return v;
    }

    /** JSON_VALID: the text parses. */
    static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (SyntaxError e) {
            return false;
        }
    }

    private int peek() {
        return at < in.length ? in[at] & 0xFF : -1;
    }

    private boolean consume(char c) {
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipBlanks() {
        while (at < in.length && (in[at] == ' ' || in[at] == '\n' || in[at] == '\r' || in[at] == '\t')) at++;
    }

    private JsonValue value(int depth) throws SyntaxError {
        switch (peek()) {
            case 'n' -> {
                literal("null");
                return scalar(JsonValue.NULL, depth);
            }
            case 't' -> {
                literal("true");
                return scalar(new JsonBoolean(true), depth);
            }
            case 'f' -> {
                literal("false");
                return scalar(new JsonBoolean(false), depth);
            }
            case '"' -> {
                return scalar(new JsonString(string()), depth);
            }
            case '{' -> {
                return object(depth + 1);
            }
            case '[' -> {
                return array(depth + 1);
            }
            default -> {
                return scalar(number(), depth);
            }
        }
    }

    private static JsonValue scalar(JsonValue v, int depth) {
        checkDepth(depth + 1);
        return v;
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) throw ErrorCode.ER_JSON_DOCUMENT_TOO_DEEP.error();
    }

    private void literal(String word) throws SyntaxError {
        at++;
        for (int k = 1; k < word.length(); k++) {
            if (!consume(word.charAt(k))) throw new SyntaxError("Invalid value.", at);
        }
    }

    private JsonObject object(int depth) throws SyntaxError {
        checkDepth(depth);
        at++;
        JsonObject o = new JsonObject();
        skipBlanks();
        if (consume('}')) return o;
        while (true) {
            if (peek() != '"') throw new SyntaxError("Missing a name for object member.", at);
            String key = string();
            checkDepth(depth + 1);
            skipBlanks();
            if (!consume(':')) throw new SyntaxError("Missing a colon after a name of object member.", at);
            skipBlanks();
            JsonValue v = value(depth);
            o.putIfAbsent(key, v);
            skipBlanks();
            if (consume(',')) {
                skipBlanks();
            } else if (consume('}')) {
                return o;
            } else {
                throw new SyntaxError("Missing a comma or '}' after an object member.", at);
            }
        }
    }

    private JsonArray array(int depth) throws SyntaxError {
        checkDepth(depth);
        at++;
        JsonArray a = new JsonArray();
        skipBlanks();
        if (consume(']')) return a;
        while (true) {
            a.elements().add(value(depth));
            skipBlanks();
            if (consume(',')) {
                skipBlanks();
            } else if (consume(']')) {
                return a;
            } else {
                throw new SyntaxError("Missing a comma or ']' after an array element.", at);
            }
        }
    }

    private String string() throws SyntaxError {
        at++;
        StringBuilder out = new StringBuilder();
        int runStart = at;
        while (true) {
            int c = peek();
            if (c == '"') {
                out.append(new String(in, runStart, at - runStart, StandardCharsets.UTF_8));
                at++;
                return out.toString();
            }
            if (c == '\\') {
                out.append(new String(in, runStart, at - runStart, StandardCharsets.UTF_8));
                int escape = at;
                at++;
                int e = peek();
                switch (e) {
                    case '"', '\\', '/' -> out.append((char) e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        at++;
                        int unit = hex4(escape);
                        if (unit >= 0xD800 && unit <= 0xDBFF) {
                            if (!(consume('\\') && consume('u'))) {
                                throw new SyntaxError("The surrogate pair in string is invalid.", escape);
                            }
                            int low = hex4(escape);
                            if (low < 0xDC00 || low > 0xDFFF) {
                                throw new SyntaxError("The surrogate pair in string is invalid.", escape);
                            }
                            out.append((char) unit).append((char) low);
                        } else {
                            out.append((char) unit);
                        }
                        runStart = at;
                        continue;
                    }
                    default -> throw new SyntaxError("Invalid escape character in string.", escape);
                }
                at++;
                runStart = at;
            } else if (c < 0) {
                throw new SyntaxError("Missing a closing quotation mark in string.", at);
            } else if (c < 0x20) {
                throw new SyntaxError(c == 0 ? "Missing a closing quotation mark in string." : "Invalid encoding in string.",
                        at);
            } else {
                at++;
            }
        }
    }

    private int hex4(int escape) throws SyntaxError {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(peek(), 16);
            if (peek() < 0 || d < 0) throw new SyntaxError("Incorrect hex digit after \\u escape in string.", escape);
            v = v * 16 + d;
            at++;
        }
        return v;
    }

    private JsonValue number() throws SyntaxError {
        int start = at;
        consume('-');
        if (peek() == '0') {
            at++;
        } else if (peek() >= '1' && peek() <= '9') {
            while (peek() >= '0' && peek() <= '9') at++;
        } else {
            throw new SyntaxError("Invalid value.", at);
        }
        boolean integral = true;
        if (consume('.')) {
            integral = false;
            if (!(peek() >= '0' && peek() <= '9')) throw new SyntaxError("Miss fraction part in number.", at);
            while (peek() >= '0' && peek() <= '9') at++;
        }
        if (consume('e') || consume('E')) {
            integral = false;
            if (!consume('+')) consume('-');
            if (!(peek() >= '0' && peek() <= '9')) throw new SyntaxError("Miss exponent in number.", at);
            while (peek() >= '0' && peek() <= '9') at++;
        }
        String text = new String(in, start, at - start, StandardCharsets.US_ASCII);
        if (integral) {
            BigInteger n = new BigInteger(text);
            if (n.bitLength() < 64) return new JsonInteger(n.longValue());
            if (n.signum() > 0 && n.bitLength() == 64) return new JsonUnsigned(n);
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) throw new SyntaxError("Number too big to be stored in double.", start);
        return new JsonDouble(d);
    }

    /** The value as MySQL prints it. */
    static String write(JsonValue v) {
        StringBuilder out = new StringBuilder();
        write(v, out, -1);
        return out.toString();
    }

    /** JSON_PRETTY: each element and member on a line of its own, indented two spaces a level. */
    static String pretty(JsonValue v) {
        StringBuilder out = new StringBuilder();
        write(v, out, 0);
        return out.toString();
    }

    /** @param level the nesting level when pretty printing; -1 for MySQL's one-line form */
    private static void write(JsonValue v, StringBuilder out, int level) {
        boolean pretty = level >= 0;
        if (v instanceof JsonObject o) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                if (!first) out.append(pretty ? "," : ", ");
                first = false;
                if (pretty) newline(out, level + 1);
                quote(e.getKey(), out);
                out.append(": ");
                write(e.getValue(), out, pretty ? level + 1 : -1);
            }
            if (pretty && !o.members().isEmpty()) newline(out, level);
            out.append('}');
        } else if (v instanceof JsonArray a) {
            out.append('[');
            for (int k = 0; k < a.elements().size(); k++) {
                if (k > 0) out.append(pretty ? "," : ", ");
                if (pretty) newline(out, level + 1);
                write(a.elements().get(k), out, pretty ? level + 1 : -1);
            }
            if (pretty && !a.elements().isEmpty()) newline(out, level);
            out.append(']');
        } else if (v instanceof JsonString s) {
            quote(s.value(), out);
        } else if (v instanceof JsonTemporal t) {
            out.append('"').append(t.text()).append('"');
        } else {
            out.append(scalarText(v));
        }
    }

    private static void newline(StringBuilder out, int level) {
        out.append('\n');
        out.append("  ".repeat(level));
    }

    /** A scalar other than a string as MySQL prints it; a string's own characters. */
    static String scalarText(JsonValue v) {
        if (v instanceof JsonString s) return s.value();
        if (v instanceof JsonTemporal t) return t.text();
        if (v instanceof JsonInteger i) return Long.toString(i.value());
        if (v instanceof JsonUnsigned u) return u.value().toString();
        if (v instanceof JsonDouble d) return H2Results.formatDouble(d.value());
        if (v instanceof JsonDecimal d) return d.value().toPlainString();
        if (v instanceof JsonBoolean b) return b.value() ? "true" : "false";
        if (v instanceof JsonNull) return "null";
        throw new IllegalArgumentException(v.typeName());
    }

    /** JSON_QUOTE: the string as a JSON string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        quote(s, out);
        return out.toString();
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // MySQL escapes the control characters below 0x1F; 0x1F itself it leaves as it is
                    if (c < 0x1F) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
