package io.minisqld.server.engine.h2;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON value as MySQL 5.7 holds one (its DOM): the JSON scalars, plus the number kinds and
 * temporal values that come from SQL values ({@code JSON_TYPE} names each). An object's members
 * are kept in MySQL's normalized order, shorter keys first and keys of one length by their UTF-8
 * bytes, and a key is there once. Containers are mutable: the functions that modify a document
 * read it fresh for each call and change that copy.
 */
sealed interface JsonValue {
    /** MySQL's order of object keys (Json_key_comparator): by UTF-8 length, then bytewise. */
    Comparator<String> KEY_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        if (x.length != y.length) return Integer.compare(x.length, y.length);
        return java.util.Arrays.compareUnsigned(x, y);
    };

    /** What JSON_TYPE answers for this value. */
    String typeName();

    /** A copy that shares no container with this value. */
    default JsonValue copy() {
        return this;
    }

    /** JSON_DEPTH: 1 for a scalar or an empty container, else one more than the deepest child. */
    default int depth() {
        return 1;
    }

    /** JSON_LENGTH: a container's member or element count, 1 for a scalar. */
    default int length() {
        return 1;
    }

    record JsonObject(TreeMap<String, JsonValue> members) implements JsonValue {
        JsonObject() {
            this(new TreeMap<>(KEY_ORDER));
        }

        /** Adds a member unless the key is there already: the first duplicate key wins (MySQL 5.7). */
        void putIfAbsent(String key, JsonValue value) {
            members.putIfAbsent(key, value);
        }

        @Override
        public String typeName() {
            return "OBJECT";
        }

        @Override
        public JsonValue copy() {
            JsonObject c = new JsonObject();
            for (Map.Entry<String, JsonValue> e : members.entrySet()) c.members.put(e.getKey(), e.getValue().copy());
            return c;
        }

        @Override
        public int depth() {
            int deepest = 0;
            for (JsonValue v : members.values()) deepest = Math.max(deepest, v.depth());
            return 1 + deepest;
        }

        @Override
        public int length() {
            return members.size();
        }
    }

    record JsonArray(List<JsonValue> elements) implements JsonValue {
        JsonArray() {
            this(new ArrayList<>());
        }

        @Override
        public String typeName() {
            return "ARRAY";
        }

        @Override
        public JsonValue copy() {
            JsonArray c = new JsonArray();
            for (JsonValue v : elements) c.elements.add(v.copy());
            return c;
        }

        @Override
        public int depth() {
            int deepest = 0;
            for (JsonValue v : elements) deepest = Math.max(deepest, v.depth());
            return 1 + deepest;
        }

        @Override
        public int length() {
            return elements.size();
        }
    }

    record JsonString(String value) implements JsonValue {
        @Override
        public String typeName() {
            return "STRING";
        }
    }

    /** A number of JSON text without fraction or exponent that fits 64 signed bits; an SQL integer. */
    record JsonInteger(long value) implements JsonValue {
        @Override
        public String typeName() {
            return "INTEGER";
        }
    }

    /** An integer of JSON text above 2^63 - 1 that fits 64 unsigned bits. */
    record JsonUnsigned(BigInteger value) implements JsonValue {
        @Override
        public String typeName() {
            return "UNSIGNED INTEGER";
        }
    }

    /** A number of JSON text with a fraction or an exponent (or too big for 64 bits); an SQL DOUBLE. */
    record JsonDouble(double value) implements JsonValue {
        @Override
        public String typeName() {
            return "DOUBLE";
        }
    }

    /** An SQL DECIMAL given to a JSON function (JSON text never makes one). */
    record JsonDecimal(BigDecimal value) implements JsonValue {
        @Override
        public String typeName() {
            return "DECIMAL";
        }
    }

    record JsonBoolean(boolean value) implements JsonValue {
        @Override
        public String typeName() {
            return "BOOLEAN";
        }
    }

    record JsonNull() implements JsonValue {
        @Override
        public String typeName() {
            return "NULL";
        }
    }

    /**
     * An SQL DATE, TIME or DATETIME given to a JSON function, written as MySQL writes it
     * ({@code 2015-01-01}, {@code 11:30:24.000000}, {@code 2015-01-01 11:30:24.000000}).
     *
     * @param type DATE, TIME or DATETIME
     */
    record JsonTemporal(String type, String text) implements JsonValue {
        @Override
        public String typeName() {
            return type;
        }
    }

    JsonNull NULL = new JsonNull();

    static boolean isNumber(JsonValue v) {
        return v instanceof JsonInteger || v instanceof JsonUnsigned || v instanceof JsonDouble
                || v instanceof JsonDecimal;
    }

    /** A number's exact value (a double by its decimal expansion). */
    static BigDecimal numericValue(JsonValue v) {
        if (v instanceof JsonInteger i) return BigDecimal.valueOf(i.value());
        if (v instanceof JsonUnsigned u) return new BigDecimal(u.value());
        if (v instanceof JsonDouble d) return new BigDecimal(d.value());
        if (v instanceof JsonDecimal d) return d.value();
        throw new IllegalArgumentException(v.typeName());
    }
}
