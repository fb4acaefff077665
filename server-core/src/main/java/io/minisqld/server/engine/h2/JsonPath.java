package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.h2.JsonValue.JsonArray;
import io.minisqld.server.engine.h2.JsonValue.JsonObject;
import io.minisqld.server.engine.h2.JsonValue.JsonString;
import io.minisqld.server.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A MySQL 5.7 JSON path expression (manual 12.16.2, "JSON Path Syntax"): {@code $} followed by
 * legs, each {@code .key} (an ECMAScript identifier or a double-quoted string), {@code .*},
 * {@code [n]}, {@code [*]} or {@code **} (not last, never {@code ***}); blanks may stand between
 * legs. A path that breaks these rules is error 3143 at the byte offset where MySQL stopped reading
 * it.
 *
 * @param legs each a {@link Leg}
 */
record JsonPath(List<Leg> legs) {

    /** One step of a path. */
    sealed interface Leg {
    }

    record Member(String name) implements Leg {
    }

    record Cell(int index) implements Leg {
    }

    record AnyMember() implements Leg {
    }

    record AnyCell() implements Leg {
    }

    record Ellipsis() implements Leg {
    }

    /** A value a path selects and where it is in the document, as legs from the root. */
    record Match(JsonValue value, List<Leg> location) {
    }

    /** The path the text is, or 3143. */
    static JsonPath parse(String text) {
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        List<Leg> legs = new ArrayList<>();
        int at = blanks(in, 0);
        if (at >= in.length || in[at++] != '$') throw invalid(at);
        while (true) {
            at = blanks(in, at);
            if (at >= in.length) break;
            switch (in[at]) {
                case '[' -> at = cell(in, at + 1, legs);
                case '.' -> at = member(in, at + 1, legs);
                case '*' -> {
                    at++;
                    if (at >= in.length || in[at++] != '*') throw invalid(at);
                    // a path may not end with ** nor hold ***
                    if (at >= in.length || in[at] == '*') throw invalid(at);
                    legs.add(new Ellipsis());
                }
                default -> throw invalid(at);
            }
        }
        if (!legs.isEmpty() && legs.get(legs.size() - 1) instanceof Ellipsis) throw invalid(at);
        return new JsonPath(Collections.unmodifiableList(legs));
    }

    private static io.minisqld.server.error.SqlError invalid(int at) {
        return ErrorCode.ER_INVALID_JSON_PATH.error(at);
    }

    private static int blanks(byte[] in, int at) {
        while (at < in.length && (in[at] == ' ' || (in[at] >= 9 && in[at] <= 13))) at++;
        return at;
    }

    private static int cell(byte[] in, int at, List<Leg> legs) {
        at = blanks(in, at);
        if (at >= in.length) throw invalid(at);
        if (in[at] == '*') {
            at++;
            legs.add(new AnyCell());
        } else {
            int start = at;
            while (at < in.length && in[at] >= '0' && in[at] <= '9') at++;
            if (at == start) throw invalid(at);
            long index;
            try {
                index = Long.parseLong(new String(in, start, at - start, StandardCharsets.US_ASCII));
            } catch (NumberFormatException tooBig) {
                throw invalid(at);
            }
            legs.add(new Cell((int) Math.min(Integer.MAX_VALUE, index)));
        }
        at = blanks(in, at);
        if (at < in.length && in[at++] == ']') return at;
        throw invalid(at);
    }

    private static int member(byte[] in, int at, List<Leg> legs) {
        at = blanks(in, at);
        if (at >= in.length) throw invalid(at);
        if (in[at] == '*') {
            legs.add(new AnyMember());
            return at + 1;
        }
        int start = at;
        boolean quoted = in[at] == '"';
        if (quoted) {
            at++;
            while (at < in.length) {
                byte b = in[at++];
                if (b == '\\') at++;
                else if (b == '"') break;
            }
            at = Math.min(at, in.length);
        } else {
            while (at < in.length && in[at] != ' ' && !(in[at] >= 9 && in[at] <= 13) && in[at] != '['
                    && in[at] != '.' && in[at] != '*') {
                at++;
            }
        }
        String raw = new String(in, start, at - start, StandardCharsets.UTF_8);
        // the name is read as a JSON string: escapes count in a quoted name and in a bare one
        String name;
        try {
            JsonValue v = JsonText.parse(quoted ? raw : "\"" + raw + "\"");
            if (!(v instanceof JsonString s)) throw invalid(at);
            name = s.value();
        } catch (JsonText.SyntaxError e) {
            throw invalid(at);
        }
        if (name.isEmpty() || (!quoted && !isIdentifier(name))) throw invalid(at);
        legs.add(new Member(name));
        return at;
    }

    /** An ECMAScript 5 IdentifierName (MySQL's test for a bare key, and for printing one bare). */
    static boolean isIdentifier(String name) {
        if (name.isEmpty()) return false;
        for (int k = 0; k < name.length(); ) {
            int c = name.codePointAt(k);
            boolean ok = Character.isLetter(c) && !(c >= 0x300 && c <= 0x36F) || c == '$' || c == '_';
            if (!ok && k > 0) {
                ok = (c >= 0x300 && c <= 0x36F) || Character.isDigit(c) || c == 0x200C || c == 0x200D
                        || Character.getType(c) == Character.CONNECTOR_PUNCTUATION;
            }
            if (!ok) return false;
            k += Character.charCount(c);
        }
        return true;
    }

    /** The path holds {@code *} or {@code **}: it may select several values. */
    boolean isWild() {
        for (Leg l : legs) {
            if (l instanceof AnyMember || l instanceof AnyCell || l instanceof Ellipsis) return true;
        }
        return false;
    }

    /** 3149 for a path with {@code *} or {@code **} where only one value may be meant. */
    JsonPath requireSingle() {
        if (isWild()) throw ErrorCode.ER_INVALID_JSON_PATH_WILDCARD.error();
        return this;
    }

    /** The path without its last leg. */
    JsonPath parent() {
        return new JsonPath(legs.subList(0, legs.size() - 1));
    }

    Leg last() {
        return legs.get(legs.size() - 1);
    }

    /**
     * The values the path selects in {@code doc}, in document order, each once (one place is
     * one value, however many ways the path reaches it). A cell leg
     * {@code [0]} on a value that is no array selects the value itself (MySQL's auto-wrapping).
     */
    List<Match> seek(JsonValue doc) {
        List<Match> hits = List.of(new Match(doc, List.of()));
        for (Leg leg : legs) {
            List<Match> next = new ArrayList<>();
            Set<List<Leg>> seen = new HashSet<>();
            for (Match m : hits) children(m, leg, next, seen);
            hits = next;
        }
        return hits;
    }

    /** The first value the path selects, or null. */
    JsonValue first(JsonValue doc) {
        List<Match> hits = seek(doc);
        return hits.isEmpty() ? null : hits.get(0).value();
    }

    private static void children(Match m, Leg leg, List<Match> out, Set<List<Leg>> seen) {
        JsonValue v = m.value();
        if (leg instanceof Member member) {
            if (v instanceof JsonObject o && o.members().containsKey(member.name())) {
                add(o.members().get(member.name()), m.location(), leg, out, seen);
            }
        } else if (leg instanceof Cell cell) {
            if (v instanceof JsonArray a) {
                if (cell.index() < a.elements().size()) add(a.elements().get(cell.index()), m.location(), leg, out, seen);
            } else if (cell.index() == 0 && seen.add(m.location())) {
                out.add(m);
            }
        } else if (leg instanceof AnyMember) {
            if (v instanceof JsonObject o) {
                for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                    add(e.getValue(), m.location(), new Member(e.getKey()), out, seen);
                }
            }
        } else if (leg instanceof AnyCell) {
            if (v instanceof JsonArray a) {
                for (int k = 0; k < a.elements().size(); k++) add(a.elements().get(k), m.location(), new Cell(k), out, seen);
            }
        } else {
            // ** selects the value and every value below it, each before its children
            if (seen.add(m.location())) out.add(m);
            descendants(m, out, seen);
        }
    }

    private static void descendants(Match m, List<Match> out, Set<List<Leg>> seen) {
        if (m.value() instanceof JsonObject o) {
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                Match child = new Match(e.getValue(), append(m.location(), new Member(e.getKey())));
                if (seen.add(child.location())) out.add(child);
                descendants(child, out, seen);
            }
        } else if (m.value() instanceof JsonArray a) {
            for (int k = 0; k < a.elements().size(); k++) {
                Match child = new Match(a.elements().get(k), append(m.location(), new Cell(k)));
                if (seen.add(child.location())) out.add(child);
                descendants(child, out, seen);
            }
        }
    }

    private static void add(JsonValue v, List<Leg> location, Leg leg, List<Match> out, Set<List<Leg>> seen) {
        List<Leg> at = append(location, leg);
        if (seen.add(at)) out.add(new Match(v, at));
    }

    private static List<Leg> append(List<Leg> location, Leg leg) {
        List<Leg> l = new ArrayList<>(location.size() + 1);
        l.addAll(location);
        l.add(leg);
        return l;
    }

    /** A location as MySQL writes a path: {@code $[1].a}, a key that is no identifier quoted. */
    static String write(List<Leg> location) {
        StringBuilder out = new StringBuilder("$");
        for (Leg l : location) {
            if (l instanceof Member m) {
                out.append('.').append(isIdentifier(m.name()) ? m.name() : JsonText.quote(m.name()));
            } else if (l instanceof Cell c) {
                out.append('[').append(c.index()).append(']');
            } else if (l instanceof AnyMember) {
                out.append(".*");
            } else if (l instanceof AnyCell) {
                out.append("[*]");
            } else {
                out.append("**");
            }
        }
        return out.toString();
    }
}
