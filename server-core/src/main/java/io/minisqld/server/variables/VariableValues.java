package io.minisqld.server.variables;

import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import io.minisqld.server.error.ErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MySQL's rules for turning a SET value into a variable's value ({@code sys_var::check} and
 * friends in MySQL) and for showing it: SHOW VARIABLES prints booleans as ON/OFF while SELECT @@
 * prints 1/0.
 */
public final class VariableValues {
    private VariableValues() {
    }

    /**
     * Converts {@code raw} to the variable's value type. Out-of-range integers are clamped with
     * warning 1292, as MySQL does under the default sql_mode; wrong types give 1232, unknown
     * names 1231.
     */
    public static Object coerce(SystemVariable spec, SetValue raw, Warnings warnings) {
        String name = spec.name();
        if (raw instanceof SetValue.Default) {
            return spec.defaultValue();
        }
        VariableType type = spec.type();
        if (type instanceof VariableType.BooleanType) return toBoolean(name, raw);
        if (type instanceof VariableType.IntegerType t) return toInteger(name, t, raw, warnings);
        if (type instanceof VariableType.EnumType e) return toEnum(name, e, raw);
        if (type instanceof VariableType.SetType s) return toSet(name, s, raw);
        if (type instanceof VariableType.StringType) {
            if (raw instanceof SetValue.Int i) {
                // MySQL takes a collation's id for the character set and collation variables, and a
                // locale's number for the locale ones (mysqlbinlog's output sets them so)
                String byNumber = nameOfNumber(name, i.value());
                if (byNumber != null) return byNumber;
            }
            if (raw instanceof SetValue.Text t) return t.value();
            if (raw instanceof SetValue.Word w) return w.value();
            if (raw instanceof SetValue.Null) return null;
            throw ErrorCode.ER_WRONG_TYPE_FOR_VAR.error(name);
        }
        VariableType.DoubleType d = (VariableType.DoubleType) type;
        double v;
        if (raw instanceof SetValue.Int i) v = i.value();
        else if (raw instanceof SetValue.Real r) v = r.value();
        else throw ErrorCode.ER_WRONG_TYPE_FOR_VAR.error(name);
        if (v < d.min() || v > d.max()) {
            warnings.warn(ErrorCode.ER_TRUNCATED_WRONG_VALUE, name, raw.display());
            v = Math.max(d.min(), Math.min(d.max(), v));
        }
        return v;
    }

    /** The name a number stands for in a character set, collation or locale variable; null for other variables. */
    private static String nameOfNumber(String name, long number) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.startsWith("collation_") || n.startsWith("character_set_")) {
            io.minisqld.server.charset.Collation c = number < 0 || number > Integer.MAX_VALUE ? null
                    : io.minisqld.server.charset.Collation.byId((int) number);
            if (c == null) throw ErrorCode.ER_UNKNOWN_COLLATION.error(String.valueOf(number));
            return n.startsWith("collation_") ? c.name() : c.charset().mysqlName();
        }
        if (n.equals("lc_time_names") || n.equals("lc_messages")) return number == 0 ? "en_US" : String.valueOf(number);
        return null;
    }

    private static String wordOf(SetValue raw) {
        if (raw instanceof SetValue.Text t) return t.value();
        if (raw instanceof SetValue.Word w) return w.value();
        return null;
    }

    private static Boolean toBoolean(String name, SetValue raw) {
        if (raw instanceof SetValue.Int i && (i.value() == 0 || i.value() == 1)) return i.value() == 1;
        if (raw instanceof SetValue.Real) throw ErrorCode.ER_WRONG_TYPE_FOR_VAR.error(name);
        String word = wordOf(raw);
        if (word != null) {
            Boolean b = boolWord(word);
            if (b != null) return b;
        }
        throw ErrorCode.ER_WRONG_VALUE_FOR_VAR.error(name, raw.display());
    }

    private static Boolean boolWord(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "ON", "TRUE", "1" -> Boolean.TRUE;
            case "OFF", "FALSE", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static Long toInteger(String name, VariableType.IntegerType t, SetValue raw, Warnings warnings) {
        if (!(raw instanceof SetValue.Int i)) throw ErrorCode.ER_WRONG_TYPE_FOR_VAR.error(name);
        long v = i.value();
        long clamped = Math.max(t.min(), Math.min(t.max(), v));
        if (t.blockSize() > 1) {
            clamped = clamped / t.blockSize() * t.blockSize();
        }
        if (clamped != v) {
            warnings.warn(ErrorCode.ER_TRUNCATED_WRONG_VALUE, name, Long.toString(v));
        }
        return clamped;
    }

    private static String toEnum(String name, VariableType.EnumType e, SetValue raw) {
        if (raw instanceof SetValue.Int i && i.value() >= 0 && i.value() < e.values().size()) {
            return e.values().get((int) i.value());
        }
        if (raw instanceof SetValue.Real) throw ErrorCode.ER_WRONG_TYPE_FOR_VAR.error(name);
        String word = wordOf(raw);
        String match = word == null ? null : match(e.values(), word);
        if (match != null) return match;
        throw ErrorCode.ER_WRONG_VALUE_FOR_VAR.error(name, raw.display());
    }

    private static String toSet(String name, VariableType.SetType s, SetValue raw) {
        if (raw instanceof SetValue.Int i) {
            List<String> picked = new ArrayList<>();
            long bits = i.value();
            if (bits < 0 || bits >= (1L << s.values().size())) {
                throw ErrorCode.ER_WRONG_VALUE_FOR_VAR.error(name, raw.display());
            }
            for (int b = 0; b < s.values().size(); b++) {
                if ((bits & (1L << b)) != 0) picked.add(s.values().get(b));
            }
            return String.join(",", picked);
        }
        if (raw instanceof SetValue.Null) throw ErrorCode.ER_WRONG_VALUE_FOR_VAR.error(name, "NULL");
        String text = wordOf(raw);
        if (text == null) throw ErrorCode.ER_WRONG_TYPE_FOR_VAR.error(name);
        List<String> chosen = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) continue;
            String match = match(s.values(), p);
            if (match == null) throw ErrorCode.ER_WRONG_VALUE_FOR_VAR.error(name, p);
            if (!chosen.contains(match)) chosen.add(match);
        }
        // MySQL shows a set in declaration order
        List<String> ordered = new ArrayList<>();
        for (String v : s.values()) {
            if (chosen.contains(v)) ordered.add(v);
        }
        return String.join(",", ordered);
    }

    private static String match(List<String> values, String candidate) {
        for (String v : values) {
            if (v.equalsIgnoreCase(candidate)) return v;
        }
        return null;
    }

    /** The Value column of SHOW VARIABLES. */
    public static String showText(SystemVariable spec, Object value) {
        if (value == null) return "";
        if (value instanceof Boolean b) return b ? "ON" : "OFF";
        if (value instanceof Double d) return formatDouble(d);
        return value.toString();
    }

    /** What SELECT @@name returns: Long, Double, String or null. */
    public static Object selectValue(Object value) {
        if (value instanceof Boolean b) return b ? 1L : 0L;
        return value;
    }

    /** A value as an option file or command line gives it: text, typed by the variable. */
    public static SetValue fromOptionText(SystemVariable spec, String text) {
        if (text == null) {
            return spec.type() instanceof VariableType.BooleanType ? new SetValue.Int(1) : new SetValue.Text("");
        }
        if (spec.type() instanceof VariableType.IntegerType) {
            return new SetValue.Int(parseSizeSuffix(spec.name(), text));
        }
        if (spec.type() instanceof VariableType.DoubleType) {
            try {
                return new SetValue.Real(Double.parseDouble(text.strip()));
            } catch (NumberFormatException e) {
                throw ErrorCode.ER_WRONG_TYPE_FOR_VAR.error(spec.name());
            }
        }
        return new SetValue.Word(text);
    }

    /** MySQL option values may end in K, M, G (powers of 1024). */
    static long parseSizeSuffix(String name, String text) {
        String t = text.strip();
        long mult = 1;
        if (!t.isEmpty()) {
            char last = Character.toUpperCase(t.charAt(t.length() - 1));
            switch (last) {
                case 'K' -> mult = 1024L;
                case 'M' -> mult = 1024L * 1024;
                case 'G' -> mult = 1024L * 1024 * 1024;
                default -> { }
            }
            if (mult != 1) t = t.substring(0, t.length() - 1);
        }
        try {
            return new BigDecimal(t).longValueExact() * mult;
        } catch (NumberFormatException | ArithmeticException e) {
            throw ErrorCode.ER_WRONG_TYPE_FOR_VAR.error(name);
        }
    }

    /** Doubles as MySQL prints them: no exponent for ordinary magnitudes, no trailing .0. */
    public static String formatDouble(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
