package io.minisqld.server.engine.h2;

import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.Token;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * ALTER TABLE … MODIFY / CHANGE of a BINARY, VARBINARY or BLOB column to a text type reads its
 * bytes as UTF-8 characters, as MySQL converts them: a row whose bytes are no character is 1366
 * "Incorrect string value: '\xFF' for column 'b' at row 1" and the table stays as it was. The
 * engine had converted each such byte to U+FFFD without a word. A step before the change reads
 * the rows ({@link #requireText}).
 */
final class BinaryToTextColumns {
    static final String ALIAS = "minisqld_require_text";

    private BinaryToTextColumns() {
    }

    /** Adds the check of the rows before each MODIFY / CHANGE of a binary column to a text type. */
    static void rewrite(List<Token> all, List<Integer> sig, Map<Integer, NumericColumns.Steps> steps,
                        BiFunction<String, String, TableInfo> describe) {
        TableElements.AlterTarget target = describe == null ? null : TableElements.alterTarget(all, sig);
        if (target == null) return;
        int n = sig.size();
        TableInfo info = null;
        for (int start : TableElements.starts(all, sig, target.specifications(), false)) {
            Token verb = tok(all, sig, start);
            if (!verb.is("MODIFY") && !verb.is("CHANGE")) continue;
            int k = start + 1;
            if (k < n && tok(all, sig, k).is("COLUMN")) k++;
            if (k >= n || !tok(all, sig, k).isIdentifier()) continue;
            String old = tok(all, sig, k).value();
            String name = old;
            if (verb.is("CHANGE")) {
                k++;
                if (k >= n || !tok(all, sig, k).isIdentifier()) continue;
                name = tok(all, sig, k).value();
            }
            if (k + 1 >= n || !isText(tok(all, sig, k + 1).upper())) continue;
            if (info == null) {
                try {
                    info = describe.apply(target.schema(), target.table());
                } catch (RuntimeException unknown) {
                    return;
                }
                if (info == null) return;
            }
            String type = null;
            for (TableInfo.ColumnInfo c : info.columns()) {
                if (c.name().equalsIgnoreCase(old)) type = c.mysqlType().toLowerCase(Locale.ROOT);
            }
            if (type == null || !(type.startsWith("binary") || type.startsWith("varbinary") || type.endsWith("blob"))) {
                continue;
            }
            List<String> before = new ArrayList<>();
            before.add("CALL PUBLIC.\"" + ALIAS + "\"(" + MySqlToH2.quote(info.database()) + ", "
                    + MySqlToH2.quote(info.name()) + ", " + MySqlToH2.quote(old) + ", " + MySqlToH2.quote(name) + ")");
            steps.merge(start, new NumericColumns.Steps(before, List.of()), NumericColumns.Steps::around);
        }
    }

    private static Token tok(List<Token> all, List<Integer> sig, int s) {
        return all.get(sig.get(s));
    }

    private static boolean isText(String type) {
        return switch (type) {
            case "CHAR", "CHARACTER", "VARCHAR", "NCHAR", "NVARCHAR", "NATIONAL", "TINYTEXT", "TEXT", "MEDIUMTEXT",
                    "LONGTEXT", "LONG", "ENUM", "SET" -> true;
            default -> false;
        };
    }

    /** 1366 for the first row whose {@code column} holds bytes that are no UTF-8 characters. */
    static int requireText(Connection conn, String schema, String table, String column, String shownAs)
            throws SQLException {
        long row = 0;
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT "
                + H2StorageEngine.ident(column) + " FROM " + H2StorageEngine.ident(schema) + "."
                + H2StorageEngine.ident(table))) {
            while (rs.next()) {
                row++;
                byte[] bytes = rs.getBytes(1);
                if (bytes == null) continue;
                String text = MysqlCharset.UTF8MB4.decode(bytes);
                if (MysqlCharset.hasEscapedBytes(text)) {
                    throw ErrorCode.ER_TRUNCATED_WRONG_VALUE_FOR_FIELD.error("string", StringLiterals.wrongBytes(text),
                            shownAs, row);
                }
            }
        }
        return 0;
    }
}
