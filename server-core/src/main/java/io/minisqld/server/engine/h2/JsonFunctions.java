package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.h2.JsonPath.Cell;
import io.minisqld.server.engine.h2.JsonPath.Leg;
import io.minisqld.server.engine.h2.JsonPath.Match;
import io.minisqld.server.engine.h2.JsonPath.Member;
import io.minisqld.server.engine.h2.JsonValue.JsonArray;
import io.minisqld.server.engine.h2.JsonValue.JsonBoolean;
import io.minisqld.server.engine.h2.JsonValue.JsonDecimal;
import io.minisqld.server.engine.h2.JsonValue.JsonDouble;
import io.minisqld.server.engine.h2.JsonValue.JsonInteger;
import io.minisqld.server.engine.h2.JsonValue.JsonObject;
import io.minisqld.server.engine.h2.JsonValue.JsonString;
import io.minisqld.server.engine.h2.JsonValue.JsonTemporal;
import io.minisqld.server.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.value.Value;
import org.h2.value.ValueArray;
import org.h2.value.ValueJson;
import org.h2.value.ValueNull;

/**
 * MySQL 5.7's JSON functions (manual 12.16), installed as H2 aliases ({@link H2Functions}); the
 * translation ({@link JsonCalls}) calls them, checks their argument counts and marks which
 * arguments are of MySQL's JSON type.
 * <p>
 * A function whose MySQL result is of the JSON type returns the document's text as MySQL prints it
 * ({@link JsonText}); H2 has no type that would carry MySQL's JSON semantics through its own
 * operators, and a text compares with a number as MySQL's JSON scalar does in the common case
 * ({@code col->'$.id' = 3}). An argument is read as MySQL reads it: a document argument is JSON
 * text (3141 when it is none, 3146 when it is not a string), a value argument is a JSON value when
 * it is of the JSON type (an H2 JSON value: what {@link #typed} makes of a JSON function's result,
 * or CAST(… AS JSON)) and otherwise the JSON scalar of its SQL type: a string is a JSON string, an
 * integer an INTEGER, a DECIMAL a DECIMAL, a DOUBLE a DOUBLE, a boolean true or false, a temporal
 * value a DATE, TIME or DATETIME, NULL the JSON null. A path is {@link JsonPath}; a NULL document or
 * path makes the result NULL, a path that selects nothing gives NULL where MySQL says so.
 */
public final class JsonFunctions {
    /**
     * How MySQL calls a function of this class: the method that computes it, how many arguments it
     * takes ({@code min}, then groups of {@code step} up to {@code max}; another count is 1582), and
     * whether its result is of MySQL's JSON type.
     */
    record Signature(String method, int min, int max, int step, boolean jsonResult) {
        boolean takes(int count) {
            return count >= min && count <= max && (count - min) % step == 0;
        }
    }

    private static final int ANY = Integer.MAX_VALUE;

    /** MySQL's name → its signature. */
    static final Map<String, Signature> BY_NAME = Map.ofEntries(
            Map.entry("JSON_EXTRACT", new Signature("extract", 2, ANY, 1, true)),
            Map.entry("JSON_UNQUOTE", new Signature("unquote", 1, 1, 1, false)),
            Map.entry("JSON_QUOTE", new Signature("quote", 1, 1, 1, false)),
            Map.entry("JSON_OBJECT", new Signature("object", 0, ANY, 2, true)),
            Map.entry("JSON_ARRAY", new Signature("array", 0, ANY, 1, true)),
            Map.entry("JSON_CONTAINS", new Signature("contains", 2, 3, 1, false)),
            Map.entry("JSON_CONTAINS_PATH", new Signature("containsPath", 3, ANY, 1, false)),
            Map.entry("JSON_SET", new Signature("set", 3, ANY, 2, true)),
            Map.entry("JSON_INSERT", new Signature("insert", 3, ANY, 2, true)),
            Map.entry("JSON_REPLACE", new Signature("replace", 3, ANY, 2, true)),
            Map.entry("JSON_REMOVE", new Signature("remove", 2, ANY, 1, true)),
            Map.entry("JSON_ARRAY_APPEND", new Signature("arrayAppend", 3, ANY, 2, true)),
            Map.entry("JSON_ARRAY_INSERT", new Signature("arrayInsert", 3, ANY, 2, true)),
            Map.entry("JSON_MERGE", new Signature("merge", 2, ANY, 1, true)),
            Map.entry("JSON_MERGE_PRESERVE", new Signature("mergePreserve", 2, ANY, 1, true)),
            Map.entry("JSON_MERGE_PATCH", new Signature("mergePatch", 2, ANY, 1, true)),
            Map.entry("JSON_KEYS", new Signature("keys", 1, 2, 1, true)),
            Map.entry("JSON_LENGTH", new Signature("length", 1, 2, 1, false)),
            Map.entry("JSON_DEPTH", new Signature("depth", 1, 1, 1, false)),
            Map.entry("JSON_TYPE", new Signature("type", 1, 1, 1, false)),
            Map.entry("JSON_VALID", new Signature("valid", 1, 1, 1, false)),
            Map.entry("JSON_SEARCH", new Signature("search", 3, ANY, 1, true)),
            Map.entry("JSON_PRETTY", new Signature("pretty", 1, 1, 1, false)));

    /**
     * Methods the translation calls that no MySQL name maps to: the JSON type's marker, CAST(… AS
     * JSON), and the aggregates JSON_ARRAYAGG and JSON_OBJECTAGG over H2's ARRAY_AGG.
     */
    static final List<String> INTERNAL = List.of("typed", "cast", "arrayAgg", "objectAgg");

    private JsonFunctions() {
    }


    /** A document argument (1-based {@code arg}): null for SQL NULL. */
    private static JsonValue doc(Value v, int arg, String function) {
        if (v == ValueNull.INSTANCE) return null;
        if (!isText(v)) throw ErrorCode.ER_INVALID_TYPE_FOR_JSON.error(arg, function);
        return parse(v.getString(), arg, function);
    }

    private static JsonValue parse(String text, int arg, String function) {
        try {
            return JsonText.parse(text);
        } catch (JsonText.SyntaxError e) {
            throw ErrorCode.ER_INVALID_JSON_TEXT_IN_PARAM.error(arg, function, e.getMessage(), e.position());
        }
    }

    private static boolean isText(Value v) {
        return switch (v.getValueType()) {
            case Value.VARCHAR, Value.CHAR, Value.CLOB, Value.VARCHAR_IGNORECASE, Value.ENUM, Value.JSON -> true;
            default -> false;
        };
    }

    /** A value argument: the JSON value of an SQL value ({@link JsonFunctions}). */
    static JsonValue value(Value v) {
        switch (v.getValueType()) {
            case Value.NULL -> {
                return JsonValue.NULL;
            }
            case Value.JSON -> {
                try {
                    return JsonText.parse(v.getString());
                } catch (JsonText.SyntaxError e) {
                    // an H2 JSON value is valid JSON text
                    throw new IllegalStateException(e);
                }
            }
            case Value.BOOLEAN -> {
                return new JsonBoolean(v.getBoolean());
            }
            case Value.TINYINT, Value.SMALLINT, Value.INTEGER, Value.BIGINT -> {
                return new JsonInteger(v.getLong());
            }
            case Value.NUMERIC -> {
                return new JsonDecimal(v.getBigDecimal());
            }
            case Value.REAL, Value.DOUBLE, Value.DECFLOAT -> {
                return new JsonDouble(v.getDouble());
            }
            case Value.DATE -> {
                return new JsonTemporal("DATE", v.getString());
            }
            case Value.TIME, Value.TIME_TZ -> {
                return new JsonTemporal("TIME", sixDigits(v.getString()));
            }
            case Value.TIMESTAMP, Value.TIMESTAMP_TZ -> {
                String text = v.getString();
                // H2 writes a zone after a TIMESTAMP WITH TIME ZONE; MySQL's DATETIME has none
                if (v.getValueType() == Value.TIMESTAMP_TZ) text = text.replaceAll("[+-]\\d\\d(:\\d\\d)?$", "");
                return new JsonTemporal("DATETIME", sixDigits(text));
            }
            case Value.VARBINARY, Value.BINARY, Value.BLOB -> {
                return new JsonString(new String(v.getBytes(), StandardCharsets.UTF_8));
            }
            default -> {
                return new JsonString(v.getString());
            }
        }
    }

    /** A time of day with MySQL's six fractional digits ({@code 11:30:24} → {@code 11:30:24.000000}). */
    private static String sixDigits(String time) {
        int dot = time.lastIndexOf('.');
        String fraction = dot < 0 ? "" : time.substring(dot + 1);
        String whole = dot < 0 ? time : time.substring(0, dot);
        return whole + "." + (fraction + "000000").substring(0, 6);
    }

    /** A path argument: null for SQL NULL. */
    private static JsonPath path(Value v) {
        return v == ValueNull.INSTANCE ? null : JsonPath.parse(v.getString());
    }

    private static String text(JsonValue v) {
        return v == null ? null : JsonText.write(v);
    }


    /** The JSON text of a JSON function's result, as a value of the JSON type (an argument of another JSON function). */
    public static Value typed(Value v) {
        if (v == ValueNull.INSTANCE) return ValueNull.INSTANCE;
        if (v.getValueType() == Value.JSON) return v;
        return ValueJson.getInternal(v.getString().getBytes(StandardCharsets.UTF_8));
    }

    /** CAST(x AS JSON): a string read as JSON text, any other value the JSON scalar of its type. */
    public static Value cast(Value v) {
        if (v == ValueNull.INSTANCE) return ValueNull.INSTANCE;
        JsonValue json = isText(v) ? parse(v.getString(), 1, "cast_as_json") : value(v);
        return ValueJson.getInternal(JsonText.write(json).getBytes(StandardCharsets.UTF_8));
    }


    /** JSON_ARRAY(v, …): the values as an array. */
    public static String array(Value... args) {
        JsonArray a = new JsonArray();
        for (Value v : args) a.elements().add(value(v));
        return text(a);
    }

    /** JSON_OBJECT(k, v, …): a NULL key is 3158; of duplicate keys the first wins (MySQL 5.7). */
    public static String object(Value... args) {
        JsonObject o = new JsonObject();
        for (int k = 0; k + 1 < args.length; k += 2) {
            if (args[k] == ValueNull.INSTANCE) throw ErrorCode.ER_JSON_DOCUMENT_NULL_KEY.error();
            o.putIfAbsent(args[k].getString(), value(args[k + 1]));
        }
        return text(o);
    }

    /** JSON_ARRAYAGG(v) (5.7.22) over ARRAY_AGG(v): the group's values as an array; NULL for no rows. */
    public static String arrayAgg(Value values) {
        if (values == ValueNull.INSTANCE) return null;
        JsonArray a = new JsonArray();
        for (Value v : ((ValueArray) values).getList()) a.elements().add(value(v));
        return text(a);
    }

    /**
     * JSON_OBJECTAGG(k, v) (5.7.22) over ARRAY_AGG(ROW(k, v)): the group's pairs as an object, a
     * NULL key 3158, the first of duplicate keys winning (as JSON_OBJECT); NULL for no rows.
     */
    public static String objectAgg(Value pairs) {
        if (pairs == ValueNull.INSTANCE) return null;
        JsonObject o = new JsonObject();
        for (Value pair : ((ValueArray) pairs).getList()) {
            Value[] kv = ((org.h2.value.ValueCollectionBase) pair).getList();
            if (kv[0] == ValueNull.INSTANCE) throw ErrorCode.ER_JSON_DOCUMENT_NULL_KEY.error();
            o.putIfAbsent(kv[0].getString(), value(kv[1]));
        }
        return text(o);
    }

    /** JSON_QUOTE(str): the string as a JSON string literal. */
    public static String quote(Value v) {
        return v == ValueNull.INSTANCE ? null : JsonText.quote(v.getString());
    }


    /**
     * JSON_EXTRACT(doc, path, …): the value one path without wildcards selects; with several paths
     * or a wildcard, an array of every selected value (path by path); NULL when nothing is selected.
     */
    public static String extract(Value... args) {
        JsonValue doc = doc(args[0], 1, "json_extract");
        if (doc == null) return null;
        List<JsonValue> found = new ArrayList<>();
        boolean several = args.length > 2;
        for (int k = 1; k < args.length; k++) {
            JsonPath p = path(args[k]);
            if (p == null) return null;
            several |= p.isWild();
            for (Match m : p.seek(doc)) found.add(m.value());
        }
        if (found.isEmpty()) return null;
        if (!several) return text(found.get(0));
        return text(new JsonArray(found));
    }

    /**
     * JSON_UNQUOTE(val): a JSON string's characters, escapes decoded; any other text as it is. A
     * text that starts and ends with a double quote must be a JSON string (3141).
     */
    public static String unquote(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        String s = v.getString();
        if (v.getValueType() != Value.JSON && (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"')) {
            return s;
        }
        JsonValue json = parse(s, 1, "json_unquote");
        return json instanceof JsonString str ? str.value() : s;
    }

    /**
     * JSON_CONTAINS(target, candidate[, path]): 1 when the candidate is contained in the target
     * (or in the value the path selects), by the manual's rules; NULL when the path selects nothing.
     */
    public static Long contains(Value... args) {
        JsonValue target = doc(args[0], 1, "json_contains");
        if (target == null) return null;
        JsonValue candidate = doc(args[1], 2, "json_contains");
        if (candidate == null) return null;
        if (args.length > 2) {
            JsonPath p = path(args[2]);
            if (p == null) return null;
            target = p.requireSingle().first(target);
            if (target == null) return null;
        }
        return contained(candidate, target) ? 1L : 0L;
    }

    /**
     * MySQL's containment (manual, JSON_CONTAINS, as 5.7 applies it): an object's every member in
     * the target object's member of the same key; in a target array, each element of a candidate
     * array (a candidate non-array alone) contained in an element of the target: a scalar equal to
     * one of the target's scalars, an array or object in one of the target's arrays or objects; a
     * scalar in an equal scalar (the number types compare by value).
     */
    private static boolean contained(JsonValue candidate, JsonValue target) {
        if (target instanceof JsonObject t) {
            if (!(candidate instanceof JsonObject c)) return false;
            for (Map.Entry<String, JsonValue> e : c.members().entrySet()) {
                JsonValue v = t.members().get(e.getKey());
                if (v == null || !contained(e.getValue(), v)) return false;
            }
            return true;
        }
        if (target instanceof JsonArray t) {
            List<JsonValue> wanted = candidate instanceof JsonArray c ? c.elements() : List.of(candidate);
            for (JsonValue w : wanted) {
                boolean found = false;
                for (JsonValue e : t.elements()) {
                    boolean container = w instanceof JsonArray || w instanceof JsonObject;
                    found = container ? e.getClass() == w.getClass() && contained(w, e)
                            : !(e instanceof JsonArray || e instanceof JsonObject) && sameScalar(w, e);
                    if (found) break;
                }
                if (!found) return false;
            }
            return true;
        }
        if (candidate instanceof JsonArray || candidate instanceof JsonObject) return false;
        return sameScalar(candidate, target);
    }

    private static boolean sameScalar(JsonValue a, JsonValue b) {
        if (JsonValue.isNumber(a) && JsonValue.isNumber(b)) {
            return JsonValue.numericValue(a).compareTo(JsonValue.numericValue(b)) == 0;
        }
        return a.equals(b);
    }

    /** JSON_CONTAINS_PATH(doc, 'one' | 'all', path, …): 1 when one (every) path selects something. */
    public static Long containsPath(Value... args) {
        JsonValue doc = doc(args[0], 1, "json_contains_path");
        if (doc == null) return null;
        Boolean all = oneOrAll(args[1], "json_contains_path");
        if (all == null) return null;
        for (int k = 2; k < args.length; k++) {
            JsonPath p = path(args[k]);
            if (p == null) return null;
            boolean found = !p.seek(doc).isEmpty();
            if (found && !all) return 1L;
            if (!found && all) return 0L;
        }
        return all ? 1L : 0L;
    }

    /** 'all' (true) or 'one' (false) in any case; null for NULL; 3154 for anything else. */
    private static Boolean oneOrAll(Value v, String function) {
        if (v == ValueNull.INSTANCE) return null;
        String s = v.getString();
        if (s.equalsIgnoreCase("all")) return true;
        if (s.equalsIgnoreCase("one")) return false;
        throw ErrorCode.ER_JSON_BAD_ONE_OR_ALL_ARG.error(function);
    }

    /** JSON_KEYS(doc[, path]): the keys of the object (the path selects) as an array; NULL for no object. */
    public static String keys(Value... args) {
        JsonValue v = doc(args[0], 1, "json_keys");
        if (v == null) return null;
        if (args.length > 1) {
            JsonPath p = path(args[1]);
            if (p == null) return null;
            v = p.requireSingle().first(v);
        }
        if (!(v instanceof JsonObject o)) return null;
        JsonArray keys = new JsonArray();
        for (String k : o.members().keySet()) keys.elements().add(new JsonString(k));
        return text(keys);
    }

    /**
     * JSON_SEARCH(doc, 'one' | 'all', str[, escape[, path, …]]): the paths of the strings that match
     * the LIKE pattern (case sensitive: the document's strings are utf8mb4_bin), in document order,
     * each once; 'one' the first; a single path is not in an array; NULL when none matches.
     */
    public static String search(Value... args) {
        JsonValue doc = doc(args[0], 1, "json_search");
        if (doc == null) return null;
        Boolean all = oneOrAll(args[1], "json_search");
        if (all == null || args[2] == ValueNull.INSTANCE) return null;
        String pattern = args[2].getString();
        int escape = '\\';
        if (args.length > 3 && args[3] != ValueNull.INSTANCE) {
            String e = args[3].getString();
            if (e.codePointCount(0, e.length()) > 1) throw ErrorCode.ER_WRONG_ARGUMENTS.error("ESCAPE");
            if (!e.isEmpty()) escape = e.codePointAt(0);
        }
        List<Match> roots = new ArrayList<>();
        if (args.length <= 4) {
            roots.add(new Match(doc, List.of()));
        } else {
            for (int k = 4; k < args.length; k++) {
                JsonPath p = path(args[k]);
                if (p == null) return null;
                roots.addAll(p.seek(doc));
            }
        }
        Set<String> found = new LinkedHashSet<>();
        for (Match root : roots) matches(root.value(), root.location(), pattern, escape, found);
        if (found.isEmpty()) return null;
        if (!all || found.size() == 1) return JsonText.quote(found.iterator().next());
        JsonArray paths = new JsonArray();
        for (String p : found) paths.elements().add(new JsonString(p));
        return text(paths);
    }

    private static void matches(JsonValue v, List<Leg> at, String pattern, int escape, Set<String> found) {
        if (v instanceof JsonString s) {
            if (like(s.value(), pattern, escape)) found.add(JsonPath.write(at));
        } else if (v instanceof JsonArray a) {
            for (int k = 0; k < a.elements().size(); k++) matches(a.elements().get(k), with(at, new Cell(k)), pattern, escape, found);
        } else if (v instanceof JsonObject o) {
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                matches(e.getValue(), with(at, new Member(e.getKey())), pattern, escape, found);
            }
        }
    }

    private static List<Leg> with(List<Leg> at, Leg leg) {
        List<Leg> l = new ArrayList<>(at);
        l.add(leg);
        return l;
    }


    /** JSON_LENGTH(doc[, path]): elements or members, 1 for a scalar; NULL when the path selects nothing. */
    public static Long length(Value... args) {
        JsonValue v = doc(args[0], 1, "json_length");
        if (v == null) return null;
        if (args.length > 1) {
            JsonPath p = path(args[1]);
            if (p == null) return null;
            v = p.requireSingle().first(v);
            if (v == null) return null;
        }
        return (long) v.length();
    }

    /** JSON_DEPTH(doc). */
    public static Long depth(Value v) {
        JsonValue doc = doc(v, 1, "json_depth");
        return doc == null ? null : (long) doc.depth();
    }

    /** JSON_TYPE(val): OBJECT, ARRAY, STRING, INTEGER, DOUBLE, DECIMAL, BOOLEAN, NULL, … */
    public static String type(Value v) {
        JsonValue doc = doc(v, 1, "json_type");
        return doc == null ? null : doc.typeName();
    }

    /** JSON_VALID(val): 1 for JSON text or a JSON value, 0 for anything else; NULL for NULL. */
    public static Long valid(Value v) {
        if (v == ValueNull.INSTANCE) return null;
        return isText(v) && JsonText.isValid(v.getString()) ? 1L : 0L;
    }

    /** JSON_PRETTY(doc) (5.7.22): one element or member a line, two spaces an indentation level. */
    public static String pretty(Value v) {
        JsonValue doc = doc(v, 1, "json_pretty");
        return doc == null ? null : JsonText.pretty(doc);
    }


    public static String set(Value... args) {
        return setInsertReplace(args, "json_set", true, true);
    }

    public static String insert(Value... args) {
        return setInsertReplace(args, "json_insert", true, false);
    }

    public static String replace(Value... args) {
        return setInsertReplace(args, "json_replace", false, true);
    }

    /**
     * JSON_SET / JSON_INSERT / JSON_REPLACE(doc, path, val, …), each pair on the result of the one
     * before: a value the path selects is replaced (SET, REPLACE); a missing member of an existing
     * object is added, and a cell past the end of an existing array is appended, a non-array first
     * wrapped in an array (SET, INSERT); any other missing path is ignored.
     */
    private static String setInsertReplace(Value[] args, String function, boolean create, boolean overwrite) {
        JsonValue doc = doc(args[0], 1, function);
        if (doc == null) return null;
        for (int k = 1; k + 1 < args.length; k += 2) {
            JsonPath p = path(args[k]);
            if (p == null) return null;
            p.requireSingle();
            JsonValue v = value(args[k + 1]);
            List<Match> hits = p.seek(doc);
            if (!hits.isEmpty()) {
                if (overwrite) doc = put(doc, hits.get(0).location(), v);
                continue;
            }
            if (!create || p.legs().isEmpty()) continue;
            List<Match> parents = p.parent().seek(doc);
            if (parents.isEmpty()) continue;
            Match parent = parents.get(0);
            if (p.last() instanceof Member m) {
                if (parent.value() instanceof JsonObject o) o.members().put(m.name(), v);
            } else if (parent.value() instanceof JsonArray a) {
                a.elements().add(v);
            } else {
                JsonArray wrapped = new JsonArray();
                wrapped.elements().add(parent.value());
                wrapped.elements().add(v);
                doc = put(doc, parent.location(), wrapped);
            }
        }
        return text(doc);
    }

    /** The document with the value at {@code location} (an existing place) replaced by {@code v}. */
    private static JsonValue put(JsonValue doc, List<Leg> location, JsonValue v) {
        if (location.isEmpty()) return v;
        JsonValue container = doc;
        for (Leg l : location.subList(0, location.size() - 1)) container = child(container, l);
        Leg last = location.get(location.size() - 1);
        if (last instanceof Member m) ((JsonObject) container).members().put(m.name(), v);
        else ((JsonArray) container).elements().set(((Cell) last).index(), v);
        return doc;
    }

    private static JsonValue child(JsonValue container, Leg l) {
        return l instanceof Member m ? ((JsonObject) container).members().get(m.name())
                : ((JsonArray) container).elements().get(((Cell) l).index());
    }

    /** JSON_REMOVE(doc, path, …): each path's member or cell removed in turn; {@code $} is 3153. */
    public static String remove(Value... args) {
        JsonValue doc = doc(args[0], 1, "json_remove");
        if (doc == null) return null;
        for (int k = 1; k < args.length; k++) {
            JsonPath p = path(args[k]);
            if (p == null) return null;
            p.requireSingle();
            if (p.legs().isEmpty()) throw ErrorCode.ER_JSON_VACUOUS_PATH.error();
            List<Match> parents = p.parent().seek(doc);
            if (parents.isEmpty()) continue;
            JsonValue parent = parents.get(0).value();
            if (p.last() instanceof Member m) {
                if (parent instanceof JsonObject o) o.members().remove(m.name());
            } else if (parent instanceof JsonArray a && ((Cell) p.last()).index() < a.elements().size()) {
                a.elements().remove(((Cell) p.last()).index());
            }
        }
        return text(doc);
    }

    /**
     * JSON_ARRAY_APPEND(doc, path, val, …): the value appended to the array the path selects; a
     * non-array is first wrapped in an array; a path that selects nothing is ignored.
     */
    public static String arrayAppend(Value... args) {
        JsonValue doc = doc(args[0], 1, "json_array_append");
        if (doc == null) return null;
        for (int k = 1; k + 1 < args.length; k += 2) {
            JsonPath p = path(args[k]);
            if (p == null) return null;
            List<Match> hits = p.requireSingle().seek(doc);
            JsonValue v = value(args[k + 1]);
            if (hits.isEmpty()) continue;
            Match hit = hits.get(0);
            if (hit.value() instanceof JsonArray a) {
                a.elements().add(v);
            } else {
                JsonArray wrapped = new JsonArray();
                wrapped.elements().add(hit.value());
                wrapped.elements().add(v);
                doc = put(doc, hit.location(), wrapped);
            }
        }
        return text(doc);
    }

    /**
     * JSON_ARRAY_INSERT(doc, path, val, …): the value inserted at the cell the path ends with (3165
     * for a path ending otherwise), at the end past the array's end; ignored where there is no array.
     */
    public static String arrayInsert(Value... args) {
        JsonValue doc = doc(args[0], 1, "json_array_insert");
        if (doc == null) return null;
        for (int k = 1; k + 1 < args.length; k += 2) {
            JsonPath p = path(args[k]);
            if (p == null) return null;
            p.requireSingle();
            if (p.legs().isEmpty() || !(p.last() instanceof Cell cell)) {
                throw ErrorCode.ER_INVALID_JSON_PATH_ARRAY_CELL.error();
            }
            JsonValue v = value(args[k + 1]);
            JsonValue parent = p.parent().first(doc);
            if (parent instanceof JsonArray a) a.elements().add(Math.min(cell.index(), a.elements().size()), v);
        }
        return text(doc);
    }

    public static String merge(Value... args) {
        return mergePreserving(args, "json_merge");
    }

    public static String mergePreserve(Value... args) {
        return mergePreserving(args, "json_merge_preserve");
    }

    /**
     * JSON_MERGE / JSON_MERGE_PRESERVE(doc, doc, …): arrays are concatenated, a scalar first wrapped
     * in an array, an object merged with an array wrapped too; two objects merge their members, the
     * values of a key both have merged the same way. NULL when a document is NULL.
     */
    private static String mergePreserving(Value[] args, String function) {
        JsonValue result = null;
        for (int k = 0; k < args.length; k++) {
            JsonValue d = doc(args[k], k + 1, function);
            if (d == null) return null;
            result = result == null ? d : mergePreserving(result, d);
        }
        return text(result);
    }

    private static JsonValue mergePreserving(JsonValue left, JsonValue right) {
        if (left instanceof JsonObject l && right instanceof JsonObject r) {
            for (Map.Entry<String, JsonValue> e : r.members().entrySet()) {
                l.members().merge(e.getKey(), e.getValue(), JsonFunctions::mergePreserving);
            }
            return l;
        }
        JsonArray out = asArray(left);
        out.elements().addAll(asArray(right).elements());
        return out;
    }

    private static JsonArray asArray(JsonValue v) {
        if (v instanceof JsonArray a) return a;
        JsonArray a = new JsonArray();
        a.elements().add(v);
        return a;
    }

    /**
     * JSON_MERGE_PATCH(doc, doc, …) (5.7.22, RFC 7396): a non-object patch replaces what it patches;
     * an object patch removes the members it gives null, patches those it gives a value. A NULL
     * document makes the result unknown (NULL) until a later non-object one replaces it.
     */
    public static String mergePatch(Value... args) {
        JsonValue result = null;
        boolean unknown = false;
        for (int k = 0; k < args.length; k++) {
            JsonValue d = doc(args[k], k + 1, "json_merge_patch");
            if (d == null) {
                unknown = true;
            } else if (!(d instanceof JsonObject)) {
                result = d;
                unknown = false;
            } else if (!unknown) {
                result = result == null ? d : patch(result, d);
            }
        }
        return unknown ? null : text(result);
    }

    private static JsonValue patch(JsonValue target, JsonValue patch) {
        if (!(patch instanceof JsonObject p)) return patch;
        JsonObject t = target instanceof JsonObject o ? o : new JsonObject();
        for (Map.Entry<String, JsonValue> e : p.members().entrySet()) {
            if (e.getValue() instanceof JsonValue.JsonNull) {
                t.members().remove(e.getKey());
            } else {
                JsonValue old = t.members().get(e.getKey());
                t.members().put(e.getKey(), patch(old == null ? JsonValue.NULL : old, e.getValue()));
            }
        }
        return t;
    }

    /**
     * {@code s} LIKE {@code pattern}: {@code %} any run of characters, {@code _} one character,
     * the escape character taking the next one literally; characters compare exactly.
     */
    static boolean like(String s, String pattern, int escape) {
        int[] t = s.codePoints().toArray();
        int[] p = pattern.codePoints().toArray();
        return like(t, 0, p, 0, escape);
    }

    private static boolean like(int[] t, int ti, int[] p, int pi, int escape) {
        while (pi < p.length) {
            int c = p[pi];
            if (c == '%') {
                while (pi < p.length && p[pi] == '%') pi++;
                if (pi == p.length) return true;
                for (int k = ti; k <= t.length; k++) {
                    if (like(t, k, p, pi, escape)) return true;
                }
                return false;
            }
            if (ti >= t.length) return false;
            if (c == escape && pi + 1 < p.length) {
                if (t[ti] != p[pi + 1]) return false;
                pi += 2;
            } else {
                if (c != '_' && t[ti] != c) return false;
                pi++;
            }
            ti++;
        }
        return ti == t.length;
    }
}
