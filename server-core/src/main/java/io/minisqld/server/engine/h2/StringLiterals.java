package io.minisqld.server.engine.h2;

import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.sql.statement.ColumnValues;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A MySQL string literal as H2 must read it so that no byte changes. A literal is bytes in its
 * character set (the connection's, or an introducer's): stored into a BINARY, VARBINARY or BLOB
 * column it is those bytes (H2's {@code X'…'}); stored into a text column it is their characters,
 * and bytes that are no character are refused with MySQL's 1366 (H2 would store U+FFFD, silently);
 * anywhere else it is text, or the bytes when they are no text.
 */
final class StringLiterals {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private StringLiterals() {
    }

    /**
     * The column a whole-value literal of an INSERT, REPLACE or UPDATE goes to.
     *
     * @param row the row's number from 1, for MySQL's "at row n"
     */
    record Target(String column, int row, boolean binary, String mysqlType, String charset) {
        Target(String column, int row, boolean binary, String mysqlType) {
            this(column, row, binary, mysqlType, null);
        }

        /** Whether the column holds text (CHAR, VARCHAR, the TEXT types, ENUM, SET). */
        boolean text() {
            String t = mysqlType.toLowerCase(Locale.ROOT);
            return !binary && (t.startsWith("char") || t.startsWith("varchar") || t.endsWith("text")
                    || t.startsWith("enum(") || t.startsWith("set("));
        }

        /** The column's character set; utf8mb4 when the description names none (ENUM, SET). */
        MysqlCharset characterSet() {
            MysqlCharset named = charset == null ? null : MysqlCharset.named(charset);
            return named != null ? named : MysqlCharset.UTF8MB4;
        }

        /** Whether the column holds integers (TINYINT … BIGINT, signed or not). */
        boolean integer() {
            String t = mysqlType.toLowerCase(Locale.ROOT);
            return t.startsWith("tinyint") || t.startsWith("smallint") || t.startsWith("mediumint")
                    || t.startsWith("int") || t.startsWith("bigint");
        }

        /** A BIT(N) column's N; 0 for another column. */
        int bits() {
            String t = mysqlType.toLowerCase(Locale.ROOT);
            if (!t.startsWith("bit")) return 0;
            int open = t.indexOf('(');
            return open < 0 ? 1 : Integer.parseInt(t.substring(open + 1, t.indexOf(')', open)).strip());
        }

        /** Whether the column holds numbers (integers, DECIMAL, FLOAT, DOUBLE). */
        boolean numeric() {
            String t = mysqlType.toLowerCase(Locale.ROOT);
            return integer() || t.startsWith("decimal") || t.startsWith("float") || t.startsWith("double")
                    || t.startsWith("real");
        }
    }

    /** A string of one or two digits, which a YEAR column reads as a year of 1970 … 2069. */
    private static final java.util.regex.Pattern SHORT_YEAR = java.util.regex.Pattern.compile("^\\s*(\\d{1,2})\\s*$");

    /**
     * A string literal stored into an ENUM column must name a member (case and trailing spaces
     * aside) or be a number, the member's index ({@code '2'} is the second member; the engine
     * refused a string index); any other is MySQL's strict-mode 1265 "Data truncated for column
     * 'c' at row n" (the engine's error was 1105).
     *
     * @return the index as a number literal for a number that names no member, else null (the text goes in)
     */
    static String enumFor(String text, Target target) {
        String type = target.mysqlType();
        if (!type.regionMatches(true, 0, "enum(", 0, 5)) return null;
        String value = text.stripTrailing();
        for (String member : quotedMembers(type.substring(5))) {
            if (member.stripTrailing().equalsIgnoreCase(value)) return null;
        }
        String index = value.strip();
        if (!index.isEmpty() && index.length() < 6 && index.chars().allMatch(Character::isDigit)) {
            return String.valueOf(Integer.parseInt(index));
        }
        throw ErrorCode.ER_WARN_DATA_TRUNCATED.error(target.column(), target.row());
    }

    /** The quoted strings of {@code 'a','b''c')}: a, b'c. */
    static List<String> quotedMembers(String list) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder member = null;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (member == null) {
                if (c == '\'') member = new StringBuilder();
            } else if (c == '\'' && i + 1 < list.length() && list.charAt(i + 1) == '\'') {
                member.append('\'');
                i++;
            } else if (c == '\'') {
                out.add(member.toString());
                member = null;
            } else {
                member.append(c);
            }
        }
        return out;
    }

    /**
     * A string literal stored into a YEAR column: one or two digits are a year of 2000 … 2069
     * ('0' to '69') or 1970 … 1999 ('70' to '99'), as MySQL reads them ('0' is 2000, where the
     * engine stored 0); null for any other text, which goes in as it is.
     */
    static String yearFor(String text, Target target, boolean ignore, java.util.function.Consumer<SqlError> warnings) {
        if (!target.mysqlType().toLowerCase(Locale.ROOT).startsWith("year")) return null;
        java.util.regex.Matcher m = SHORT_YEAR.matcher(text);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            return String.valueOf(n < 70 ? 2000 + n : 1900 + n);
        }
        // text that is no year, as MySQL's strict mode reads it: no number at all is 1366
        // "Incorrect integer value", a number with more after it 1265 (the engine's error was
        // 1105); IGNORE stores 0000 or the number, with the same code as a warning
        java.util.regex.Matcher digits = YEAR_PREFIX.matcher(text);
        SqlError refused = !digits.find() ? ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.error("integer", text,
                target.column(), target.row())
                : text.substring(digits.end()).isBlank() ? null : ErrorCode.ER_WARN_DATA_TRUNCATED.error(target.column(),
                target.row());
        if (refused == null) return null;
        if (!ignore) throw refused;
        warnings.accept(refused);
        if (refused.number() == ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.number()) return "0";
        String year = yearFor(digits.group(1), target, true, warnings);
        return year != null ? year : digits.group(1);
    }

    /** The digits a string starts with, after blanks, as a YEAR column reads them. */
    private static final java.util.regex.Pattern YEAR_PREFIX = java.util.regex.Pattern.compile("^\\s*(\\d+)");

    /**
     * A number stored into a YEAR column: 1 to 69 are 2001 to 2069, 70 to 99 are 1970 to 1999, as
     * MySQL reads them (0 stays 0, shown 0000; the engine refused 1 to 99 with 1264); null for
     * any other number, which goes in as it is.
     */
    static String numberYear(String number, Target target) {
        if (!target.mysqlType().toLowerCase(Locale.ROOT).startsWith("year") || !number.matches("\\d{1,2}")) return null;
        int n = Integer.parseInt(number);
        return n == 0 ? null : String.valueOf(n < 70 ? 2000 + n : 1900 + n);
    }

    /**
     * A number stored into a DATE, DATETIME, TIMESTAMP or TIME column: MySQL reads its digits as
     * YYYYMMDD[hhmmss] (two-digit years as YEAR does) or [H]HHMMSS, so 20200101 is 2020-01-01;
     * the engine refused every number (1105). A number that is no date is MySQL's 1292. Null for
     * another column.
     */
    static String numberTemporal(String number, Target target) {
        String type = target.mysqlType().toLowerCase(Locale.ROOT);
        String kind = type.startsWith("datetime") || type.startsWith("timestamp") ? "datetime"
                : type.startsWith("date") ? "date" : type.startsWith("time") ? "time" : null;
        if (kind == null) return null;
        java.math.BigDecimal n;
        try {
            n = new java.math.BigDecimal(number);
        } catch (NumberFormatException e) {
            return null;
        }
        try {
            return MySqlToH2.quote(ArithmeticOperands.fromNumber(n, kind, target.column()));
        } catch (SqlError noDate) {
            throw ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_COLUMN.error(kind, number, target.column(), target.row());
        }
    }

    /**
     * A number stored into an ENUM column is the position of a member (1 is the first); any other
     * number is MySQL's strict-mode 1265 (the engine's error was 1105 "Value not permitted"). Null
     * for another column or a member's number, which goes in as it is.
     */
    static String numberMember(String number, Target target) {
        String type = target.mysqlType();
        if (!type.regionMatches(true, 0, "enum(", 0, 5)) return null;
        int members = quotedMembers(type.substring(5)).size();
        java.math.BigDecimal n;
        try {
            n = new java.math.BigDecimal(number);
        } catch (NumberFormatException e) {
            return null;
        }
        java.math.BigDecimal index = n.setScale(0, java.math.RoundingMode.HALF_UP);
        if (index.signum() <= 0 || index.compareTo(java.math.BigDecimal.valueOf(members)) > 0) {
            throw ErrorCode.ER_WARN_DATA_TRUNCATED.error(target.column(), target.row());
        }
        return index.toPlainString();
    }

    /** A CHAR(n) or VARCHAR(n) type (group 1: n). */
    private static final java.util.regex.Pattern CHAR_LENGTH = java.util.regex.Pattern.compile(
            "^(?:var)?char\\((\\d+)\\).*", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * With IGNORE (INSERT IGNORE, UPDATE IGNORE): a string longer than its CHAR or VARCHAR column
     * holds is cut to the column's length, with warning 1265 "Data truncated for column 'c' at row
     * n", as MySQL's IGNORE makes strict mode's error a warning (it stayed the error, 1406). Null
     * when the string fits or the column is another.
     */
    static String cutToColumn(String text, Target target, java.util.function.Consumer<SqlError> warnings) {
        java.util.regex.Matcher m = CHAR_LENGTH.matcher(target.mysqlType());
        if (!m.matches()) return null;
        int length = Integer.parseInt(m.group(1));
        if (text.codePointCount(0, text.length()) <= length) return null;
        warnings.accept(ErrorCode.ER_WARN_DATA_TRUNCATED.error(target.column(), target.row()));
        return text.substring(0, text.offsetByCodePoints(0, length));
    }

    /**
     * With IGNORE: an integer literal (negative when {@code negative}) beyond its integer column's
     * range is the range's nearest end, with warning 1264 "Out of range value for column 'c' at row
     * n", as MySQL's IGNORE makes strict mode's error a warning (it stayed the error). Null when it
     * fits, is no integer or the column holds no integers.
     */
    static String clippedInteger(String number, boolean negative, Target target,
                                 java.util.function.Consumer<SqlError> warnings) {
        if (!target.integer() || !number.chars().allMatch(Character::isDigit)) return null;
        String type = target.mysqlType().toLowerCase(Locale.ROOT);
        boolean unsigned = type.contains("unsigned");
        int bits = type.startsWith("tinyint") ? 8 : type.startsWith("smallint") ? 16 : type.startsWith("mediumint") ? 24
                : type.startsWith("int") ? 32 : 64;
        java.math.BigInteger max = unsigned ? java.math.BigInteger.ONE.shiftLeft(bits).subtract(java.math.BigInteger.ONE)
                : java.math.BigInteger.ONE.shiftLeft(bits - 1).subtract(java.math.BigInteger.ONE);
        java.math.BigInteger min = unsigned ? java.math.BigInteger.ZERO : java.math.BigInteger.ONE.shiftLeft(bits - 1).negate();
        java.math.BigInteger v = new java.math.BigInteger(number);
        if (negative) v = v.negate();
        java.math.BigInteger clipped = v.max(min).min(max);
        if (clipped.equals(v)) return null;
        warnings.accept(ErrorCode.ER_WARN_DATA_OUT_OF_RANGE.error(target.column(), target.row()));
        return clipped.toString();
    }

    /** A date with a time of day: 'YYYY-MM-DD hh:mm:ss[.f]'. */
    private static final java.util.regex.Pattern DATE_WITH_TIME = java.util.regex.Pattern.compile(
            "^\\s*(\\d{4}-\\d{1,2}-\\d{1,2})[ T](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.\\d*)?\\s*$");

    /**
     * A string literal stored into a DATE column: a date with a time of day is its date, as MySQL
     * stores it, with MySQL's Note 1265 when the time was not midnight; null for any other text,
     * which goes in as it is (H2 refused a date with a time).
     */
    static String dateFor(String text, Target target, java.util.function.Consumer<SqlError> notes) {
        if (!target.mysqlType().toLowerCase(Locale.ROOT).equals("date")) return null;
        java.util.regex.Matcher m = DATE_WITH_TIME.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(2)) > 23 || Integer.parseInt(m.group(3)) > 59
                || Integer.parseInt(m.group(4)) > 59) {
            return null;
        }
        if (!text.strip().substring(m.group(1).length()).replaceAll("[0:.\\sT]", "").isEmpty()) {
            notes.accept(ErrorCode.ER_WARN_DATA_TRUNCATED.error(target.column(), target.row()));
        }
        return "'" + m.group(1) + "'";
    }

    /** CHAR(n) or VARCHAR(n). */
    private static final java.util.regex.Pattern TEXT_LENGTH = java.util.regex.Pattern.compile(
            "^(?:var)?char\\((\\d+)\\).*", java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * A string literal stored into a CHAR(n) or VARCHAR(n) column, longer than n characters only
     * by trailing spaces: those are cut, for VARCHAR with MySQL's Note 1265, in every SQL mode
     * (MySQL 5.7 manual 11.4.1; H2 refused it: 1406); null for any other text.
     */
    static String trailingSpacesCut(String text, Target target, java.util.function.Consumer<SqlError> notes) {
        java.util.regex.Matcher m = TEXT_LENGTH.matcher(target.mysqlType());
        if (!m.matches() || text.isEmpty() || text.charAt(text.length() - 1) != ' ') return null;
        int length = Integer.parseInt(m.group(1));
        if (text.codePointCount(0, text.length()) <= length) return null;
        int cut = text.offsetByCodePoints(0, length);
        if (text.substring(cut).chars().anyMatch(c -> c != ' ')) return null;
        // a CHAR column's trailing spaces are cut without a word (MySQL 5.7 manual 11.4.1)
        if (target.mysqlType().toLowerCase(Locale.ROOT).startsWith("varchar")) {
            notes.accept(ErrorCode.ER_WARN_DATA_TRUNCATED.error(target.column(), target.row()));
        }
        return text.substring(0, cut);
    }

    /** The longest number a string starts with, after blanks, as MySQL reads one into a number. */
    private static final java.util.regex.Pattern NUMBER_PREFIX =
            java.util.regex.Pattern.compile("^\\s*([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    /**
     * A string literal stored into a numeric column, as MySQL's strict mode takes it: a number
     * (blanks around it allowed) is that number, rounded half away from zero for an integer column
     * ({@code '1.5'} into an INT is 2; H2 refused it); a number followed by other characters
     * ({@code '12x'}) is 1265 "Data truncated"; null when the text is no number at all (H2's
     * refusal, MySQL's 1366, stands) or the number needs no change. With IGNORE the error is a
     * warning and the value the number the text starts with, or 0.
     */
    static String numberFor(String text, Target target, boolean ignore, java.util.function.Consumer<SqlError> warnings) {
        java.util.regex.Matcher m = NUMBER_PREFIX.matcher(text);
        if (!m.find()) {
            if (!ignore) return null;
            // IGNORE: 0, with the strict mode's error as a warning (MySQL's)
            String t = target.mysqlType().toLowerCase(Locale.ROOT);
            warnings.accept(ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.error(target.integer() ? "integer"
                    : t.startsWith("decimal") ? "decimal" : "double", text, target.column(), target.row()));
            return "0";
        }
        if (!text.substring(m.end()).isBlank()) {
            SqlError truncated = ErrorCode.ER_WARN_DATA_TRUNCATED.error(target.column(), target.row());
            if (!ignore) throw truncated;
            // IGNORE: the number it starts with, warning 1265
            warnings.accept(truncated);
            String number = numberFor(m.group(1), target, true, warnings);
            return number != null ? number : m.group(1);
        }
        String number = m.group(1);
        // a plain integer H2 reads as it is
        if (!target.integer() || number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0) {
            return null;
        }
        java.math.BigDecimal n = new java.math.BigDecimal(number.startsWith("+") ? number.substring(1) : number);
        return n.setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    /** The targets of the statement's literals that are a whole value, by token; empty when unknown. */
    static Map<Token, Target> targets(ColumnValues values, BiFunction<String, String, TableInfo> describe,
                                      boolean ignore) {
        Map<Token, Target> out = new IdentityHashMap<>();
        if (values == null || describe == null) return out;
        TableInfo table;
        try {
            table = describe.apply(values.database(), values.table());
        } catch (SqlError e) {
            return out;
        }
        if (table == null) return out;
        int rowNumber = 0;
        List<ColumnValues.Row> rows = values.rows();
        if (values.duplicateKeyUpdate() != null) {
            rows = new java.util.ArrayList<>(rows);
            rows.add(values.duplicateKeyUpdate());
        }
        for (ColumnValues.Row row : rows) {
            // the UPDATE of ON DUPLICATE KEY UPDATE is counted as MySQL counts its rows: the first
            rowNumber = row == values.duplicateKeyUpdate() ? 1 : rowNumber + 1;
            boolean byPosition = values.columns() == null && row != values.duplicateKeyUpdate();
            for (ColumnValues.Value v : row.values()) {
                Token literal = literalOf(v.tokens());
                Token number = literal == null && v.tokens().size() == 1 && (v.tokens().get(0).type() == TokenType.NUMBER
                        || v.tokens().get(0).type() == TokenType.HEX) ? v.tokens().get(0) : null;
                if (literal == null && v.tokens().size() == 2 && v.tokens().get(0).isSymbol("-")
                        && v.tokens().get(1).type() == TokenType.NUMBER) {
                    // a negative number: its digits' target (the minus stays where it is)
                    number = v.tokens().get(1);
                }
                if (literal == null && number == null) continue;
                TableInfo.ColumnInfo column = column(table, v, byPosition);
                if (column == null) continue;
                if (number != null) {
                    Target target = numberTarget(number, column, rowNumber, ignore);
                    if (target == null) target = hexTextTarget(number, column, rowNumber);
                    if (target != null) out.put(number, target);
                    continue;
                }
                out.put(literal, new Target(column.name(), rowNumber, isBinary(column.mysqlType()), column.mysqlType()));
            }
        }
        return out;
    }

    /**
     * A hex or bit literal ({@code X'C3A9'}, {@code 0xE9}, {@code b'01000001'}, alone or after an
     * introducer) stored into a text column: its bytes are the column's characters (null for
     * another literal or column).
     */
    static Target hexTextTarget(Token literal, TableInfo.ColumnInfo column, int rowNumber) {
        if (literal.type() != TokenType.HEX) return null;
        Target target = new Target(column.name(), rowNumber, isBinary(column.mysqlType()), column.mysqlType(),
                column.charset());
        return target.text() ? target : null;
    }

    /**
     * The text of a hex or bit literal: its bytes read in {@code charset} (an introducer's, else
     * the text column's it goes to, else null: the literal stays bytes). Bytes that are no
     * character of the set are 1366 for a column ("Incorrect string value: '\xFF' for column 's'
     * at row 1", as MySQL's strict mode; the engine had made them U+FFFD and stored that), and stay
     * bytes elsewhere.
     */
    static String hexText(Token literal, MysqlCharset charset, Target target) {
        if (charset == null || charset == MysqlCharset.BINARY) return null;
        String text = charset.decode(literalBytes(literal));
        if (!MysqlCharset.hasEscapedBytes(text)) return text;
        if (target != null) {
            throw ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.error("string", wrongBytes(text), target.column(),
                    target.row());
        }
        return null;
    }

    /** The bytes of a hex literal (X'41', 0x41: an odd digit count has a leading 0) or bit literal (b'…', 0b…). */
    static byte[] literalBytes(Token literal) {
        String text = literal.text();
        char first = Character.toLowerCase(text.charAt(0));
        boolean prefixed = first == '0';
        boolean bits = prefixed ? Character.toLowerCase(text.charAt(1)) == 'b' : first == 'b';
        String digits = prefixed ? text.substring(2) : text.substring(2, text.length() - 1);
        if (digits.isEmpty()) return new byte[0];
        int length = bits ? (digits.length() + 7) / 8 : (digits.length() + 1) / 2;
        byte[] raw = new java.math.BigInteger(digits, bits ? 2 : 16).toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(length, raw.length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    /**
     * A number's target when the column reads it otherwise than as a number: a YEAR column reads 1
     * to 99 as a year ({@link #numberYear}), a date or time column its digits ({@link
     * #numberTemporal}), an ENUM the member it numbers ({@link #numberMember}), with {@code ignore}
     * (INSERT IGNORE, UPDATE IGNORE) an integer column bounds it ({@link #clippedInteger}; only
     * then: every integer of every INSERT would otherwise get a target); a hex or bit literal's
     * (0x31, X'31', b'110001') for a number, BIT or YEAR column, which takes its number, 49 (MySQL treats
     * the spellings alike; MariaDB takes X'31' for the string '1'). Null for any other.
     */
    private static Target numberTarget(Token number, TableInfo.ColumnInfo column, int rowNumber, boolean ignore) {
        String type = column.mysqlType().toLowerCase(Locale.ROOT);
        Target target = new Target(column.name(), rowNumber, false, column.mysqlType());
        boolean hybrid = number.type() == TokenType.HEX;
        boolean readsNumber = type.startsWith("year") || type.startsWith("date") || type.startsWith("time")
                || type.startsWith("enum(") || ignore && target.integer();
        return readsNumber && number.type() == TokenType.NUMBER
                || hybrid && (target.numeric() || target.bits() > 0 || type.startsWith("year")) ? target : null;
    }

    /** The targets of a multi-table UPDATE's SET values that are one literal, by token; empty when unknown. */
    static Map<Token, Target> targets(io.minisqld.server.sql.statement.MultiTableChange change,
                                      BiFunction<String, String, TableInfo> describe, boolean ignore) {
        Map<Token, Target> out = new IdentityHashMap<>();
        for (io.minisqld.server.sql.statement.MultiTableChange.Assignment a : change.assignments()) {
            Token first = a.valueFirst();
            Token last = a.valueLast();
            boolean literal = last.type() == TokenType.STRING
                    && (first == last || first.type() == TokenType.INTRODUCER);
            boolean number = first == last && (last.type() == TokenType.NUMBER || last.type() == TokenType.HEX);
            if (!literal && !number || a.reference() < 0) continue;
            var ref = change.references().get(a.reference());
            TableInfo table;
            try {
                table = describe.apply(ref.database(), ref.table());
            } catch (SqlError e) {
                continue;
            }
            for (TableInfo.ColumnInfo c : table.columns()) {
                if (!c.name().equalsIgnoreCase(a.column())) continue;
                Target target = number ? numberTarget(last, c, 1, ignore) : new Target(c.name(), 1, isBinary(c.mysqlType()), c.mysqlType());
                if (number && target == null) target = hexTextTarget(last, c, 1);
                if (target != null) out.put(last, target);
            }
        }
        return out;
    }

    /** The string literal a value consists of (after an optional introducer), or null. */
    private static Token literalOf(List<Token> v) {
        if (v.size() == 1 && v.get(0).type() == TokenType.STRING) return v.get(0);
        if (v.size() == 2 && v.get(0).type() == TokenType.INTRODUCER && v.get(1).type() == TokenType.STRING) {
            return v.get(1);
        }
        return null;
    }

    private static TableInfo.ColumnInfo column(TableInfo table, ColumnValues.Value v, boolean byPosition) {
        if (!byPosition || v.column() != null) {
            for (TableInfo.ColumnInfo c : table.columns()) {
                if (c.name().equalsIgnoreCase(v.column())) return c;
            }
            return null;
        }
        return v.position() < table.columns().size() ? table.columns().get(v.position()) : null;
    }

    /** Whether a literal goes to the column as its bytes: a binary string's, or a BIT column's bits ({@link #bitsFor}). */
    private static boolean isBinary(String mysqlType) {
        String t = mysqlType.toLowerCase(Locale.ROOT);
        return t.startsWith("binary") || t.startsWith("varbinary") || t.endsWith("blob") || t.startsWith("bit");
    }

    /**
     * A string literal's bytes stored into a BIT(N) column: their number, high byte first, as MySQL
     * stores a string into a BIT column (mariadb-dump and mydumper write a BIT value so, {@code '\0\5'});
     * more than N bits is 1406. The engine read the text as a number ({@code '5'} as 5, not 53).
     */
    static java.math.BigInteger bitsFor(byte[] bytes, Target target) {
        java.math.BigInteger n = new java.math.BigInteger(1, bytes);
        if (n.bitLength() > target.bits()) throw ErrorCode.ER_DATA_TOO_LONG.error(target.column(), target.row());
        return n;
    }

    /**
     * The H2 text of a string literal.
     *
     * @param introducer the {@code _charset} token before it, or null
     * @param client     the connection's character set, which the literal's bytes came in
     * @param target     the column it is stored into, or null
     */
    static String render(Token literal, Token introducer, MysqlCharset client, Target target) {
        Object v = value(literal, introducer, client, target);
        return v instanceof byte[] b ? hex(b) : MySqlToH2.quote((String) v);
    }

    /**
     * What H2 must get for a string literal: its bytes ({@code byte[]}, H2's binary string) or its
     * characters ({@code String}); {@link #render} writes it as H2 SQL, a prepared statement binds it.
     */
    static Object value(Token literal, Token introducer, MysqlCharset client, Target target) {
        MysqlCharset charset = client;
        if (introducer != null) {
            charset = MysqlCharset.named(introducer.value());
            if (charset == null) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("character set '" + introducer.value() + "'");
        }
        boolean plain = charset == client && client != MysqlCharset.BINARY;
        byte[] bytes = plain && !MysqlCharset.hasEscapedBytes(literal.value()) ? null : client.encode(literal.value());
        if (target != null && target.binary()) {
            return bytes != null ? bytes : client.encode(literal.value());
        }
        // binary bytes are the characters of the column they go to: utf8mb4 here
        String text = plain ? literal.value()
                : (charset == MysqlCharset.BINARY ? MysqlCharset.UTF8MB4 : charset).decode(bytes);
        if (MysqlCharset.hasEscapedBytes(text)) {
            if (target != null) {
                throw ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.error("string", wrongBytes(text),
                        target.column(), target.row());
            }
            return bytes != null ? bytes : client.encode(literal.value());
        }
        return text;
    }

    static String hex(byte[] bytes) {
        return "X'" + HEX.formatHex(bytes) + "'";
    }

    /**
     * MySQL's rendering of a value's bad bytes in 1366: from the first byte that is no character,
     * printable ASCII as it is and other bytes as \xHH, at most six, "..." after more.
     */
    static String wrongBytes(String text) {
        int k = 0;
        // the characters before the first escaped byte are valid: skip their bytes
        while (k < text.length() && !MysqlCharset.isEscapedByte(text.charAt(k))) k++;
        return shownBytes(text, k);
    }

    /** As {@link #wrongBytes}, from the character at {@code from} (one a column's set cannot hold). */
    static String shownBytes(String text, int from) {
        byte[] b = MysqlCharset.UTF8MB4.encode(text);
        int i = MysqlCharset.UTF8MB4.encode(text.substring(0, Math.max(0, from))).length;
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (; i < b.length && shown < 6; i++, shown++) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F) out.append((char) c);
            else out.append("\\x").append(HEX.toHexDigits((byte) c));
        }
        if (i < b.length) out.append("...");
        return out.toString();
    }
}
