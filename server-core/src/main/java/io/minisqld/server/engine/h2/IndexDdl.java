package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL scopes key names to their table, H2 to the schema: the key names of CREATE TABLE, ALTER
 * TABLE, CREATE INDEX and DROP INDEX become table-scoped H2 names (and back in what the server
 * shows), and index options H2 lacks go.
 */
final class IndexDdl {
    private IndexDdl() {
    }

    /**
     * Separates the table from the key name in H2's name for a key: MySQL scopes key names to
     * their table, H2 to the schema, so {@code KEY k_1} of two tables would clash.
     */
    static final String KEY_NAME_SEPARATOR = "#";

    /** H2's name for key {@code key} of {@code table}. */
    static String h2KeyName(String table, String key) {
        return table + KEY_NAME_SEPARATOR + key;
    }

    /** The MySQL key name back from H2's ({@link #h2KeyName}); other names pass unchanged. */
    static String mysqlKeyName(String table, String h2Name) {
        if (table != null && h2Name.startsWith(table + KEY_NAME_SEPARATOR)) {
            return h2Name.substring(table.length() + KEY_NAME_SEPARATOR.length());
        }
        int sep = h2Name.indexOf(KEY_NAME_SEPARATOR);
        return sep < 0 ? h2Name : h2Name.substring(sep + KEY_NAME_SEPARATOR.length());
    }

    /**
     * Key names in CREATE TABLE, ALTER TABLE, CREATE INDEX and DROP INDEX become table-scoped H2
     * names; index options H2 lacks (USING BTREE, FULLTEXT, ZEROFILL) go (RENAME TABLE is
     * {@link TableStatements}'s).
     */
    static void indexDdl(List<Token> all, List<Integer> sig, Map<Integer, String> replace,
                                 Set<Integer> drop, BiFunction<String, String, TableInfo> describe) {
        int n = sig.size();
        Token first = all.get(sig.get(0));
        for (int s = 0; s < n; s++) {
            Token t = all.get(sig.get(s));
            if (t.is("USING") && s + 1 < n && (all.get(sig.get(s + 1)).is("BTREE") || all.get(sig.get(s + 1)).is("HASH"))) {
                drop.add(sig.get(s));
                drop.add(sig.get(s + 1));
            } else if (t.is("ZEROFILL")) {
                drop.add(sig.get(s));
            }
        }
        if (first.is("CREATE") || first.is("DROP")) {
            int s = 1;
            while (s < n && (all.get(sig.get(s)).is("UNIQUE") || all.get(sig.get(s)).is("FULLTEXT")
                    || all.get(sig.get(s)).is("SPATIAL"))) {
                if (!all.get(sig.get(s)).is("UNIQUE")) drop.add(sig.get(s));
                s++;
            }
            if (s < n && all.get(sig.get(s)).is("INDEX") && s + 1 < n && all.get(sig.get(s + 1)).isIdentifier()) {
                int nameAt = s + 1;
                String table = null;
                String database = null;
                for (int k = nameAt + 1; k < n; k++) {
                    if (all.get(sig.get(k)).is("ON") && k + 1 < n) {
                        table = lastNamePart(all, sig, k + 1);
                        if (k + 3 < n && all.get(sig.get(k + 2)).isSymbol(".")) database = all.get(sig.get(k + 1)).value();
                        break;
                    }
                }
                if (table != null && first.is("DROP")) {
                    // DROP INDEX k ON [db.]t is MySQL's ALTER TABLE [db.]t DROP INDEX k, which the
                    // engine runs for a UNIQUE key too (its constraint; its DROP INDEX finds no such index)
                    int on = nameAt + 1;
                    while (!all.get(sig.get(on)).is("ON")) on++;
                    int last = database != null ? on + 3 : on + 1;
                    StringBuilder alter = new StringBuilder("ALTER TABLE ");
                    for (int k = on + 1; k <= last; k++) {
                        alter.append(all.get(sig.get(k)).text());
                        drop.add(sig.get(k));
                    }
                    drop.add(sig.get(on));
                    replace.put(sig.get(0), alter.append(" DROP").toString());
                    replace.put(sig.get(nameAt), MySqlToH2.quoteIdent(h2KeyName(table, all.get(sig.get(nameAt)).value())));
                } else if (table != null) {
                    replace.put(sig.get(nameAt), MySqlToH2.quoteIdent(h2KeyName(table, all.get(sig.get(nameAt)).value())));
                }
                if (first.is("CREATE")) {
                    for (int k = nameAt + 1; k < n; k++) {
                        if (all.get(sig.get(k)).isSymbol("(")) {
                            columnPrefixes(all, sig, k, drop, all.get(sig.get(1)).is("UNIQUE"));
                            break;
                        }
                    }
                }
                return;
            }
        }
        boolean create = first.is("CREATE");
        int s = 1;
        while (s < n && !all.get(sig.get(s)).is("TABLE")) s++;
        if (s >= n) return;
        s++;
        if (create && s + 2 < n && all.get(sig.get(s)).is("IF")) s += 3;
        if (s >= n || !all.get(sig.get(s)).isIdentifier()) return;
        String table = lastNamePart(all, sig, s);
        String db = s + 2 < n && all.get(sig.get(s + 1)).isSymbol(".") ? all.get(sig.get(s)).value() : null;
        s++;
        if (s + 1 < n && all.get(sig.get(s)).isSymbol(".")) s += 2;
        // an ALTER's unnamed foreign keys are numbered on from the table's (create: from 1)
        int[] foreignKeys = {create ? 0 : highestForeignKey(table, db, describe)};
        for (int start : TableElements.starts(all, sig, s, create)) {
            CheckClauses.refuse(all, sig, start);
            keyElement(all, sig, start, table, replace, drop, foreignKeys);
        }
    }

    /**
     * The highest N of the table's foreign keys named {@code table_ibfk_N}, InnoDB's names for
     * the unnamed ones (0 when it has none, or when the table cannot be looked at).
     */
    private static int highestForeignKey(String table, String db, BiFunction<String, String, TableInfo> describe) {
        if (describe == null) return 0;
        String create;
        try {
            TableInfo info = describe.apply(db, table);
            create = info == null ? null : info.createStatement();
        } catch (io.minisqld.server.error.SqlError noTable) {
            return 0;
        }
        if (create == null) return 0;
        int highest = 0;
        Matcher m = Pattern.compile("CONSTRAINT `" + Pattern.quote(table.replace("`", "``")) + "_ibfk_([0-9]{1,9})`")
                .matcher(create);
        while (m.find()) highest = Math.max(highest, Integer.parseInt(m.group(1)));
        return highest;
    }

    /** Whether {@code key} is InnoDB's name of an unnamed foreign key of {@code table}: {@code table_ibfk_N}. */
    static boolean generatedForeignKeyName(String table, String key) {
        return key.length() > table.length() + 6 && key.regionMatches(true, 0, table + "_ibfk_", 0, table.length() + 6)
                && key.substring(table.length() + 6).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static String lastNamePart(List<Token> all, List<Integer> sig, int s) {
        String name = all.get(sig.get(s)).value();
        if (s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol(".") && all.get(sig.get(s + 2)).isIdentifier()) {
            name = all.get(sig.get(s + 2)).value();
        }
        return name;
    }

    /** One CREATE TABLE element or ALTER TABLE specification starting at sig index {@code k}. */
    private static void keyElement(List<Token> all, List<Integer> sig, int k, String table,
                                   Map<Integer, String> replace, Set<Integer> drop, int[] foreignKeys) {
        int n = sig.size();
        if (k < n && (all.get(sig.get(k)).is("DROP") || all.get(sig.get(k)).is("RENAME"))) {
            boolean rename = all.get(sig.get(k)).is("RENAME");
            int verb = k;
            k++;
            if (k < n && (all.get(sig.get(k)).is("KEY") || all.get(sig.get(k)).is("INDEX"))) {
                // DROP KEY k is the engine's DROP INDEX
                if (all.get(sig.get(k)).is("KEY")) replace.put(sig.get(k), "INDEX");
                k++;
                if (k < n && all.get(sig.get(k)).isIdentifier()) {
                    if (rename && k + 2 < n && all.get(sig.get(k + 1)).is("TO")) {
                        // RENAME INDEX a TO b: done before the statement, on whatever the engine
                        // holds for key a (KeyChanges); the engine has no such specification
                        for (int r = verb; r <= k + 2; r++) drop.add(sig.get(r));
                    } else {
                        mangle(all, sig, k, table, replace);
                    }
                }
            }
            return;
        }
        if (k < n && all.get(sig.get(k)).is("ADD")) k++;
        if (k < n && all.get(sig.get(k)).is("COLUMN")) k++;
        if (k < n && columnReferences(all, sig, k, table, replace, foreignKeys)) return;
        int symbol = -1;
        if (k < n && all.get(sig.get(k)).is("CONSTRAINT")) {
            k++;
            if (k < n && all.get(sig.get(k)).isIdentifier() && !all.get(sig.get(k)).is("UNIQUE")
                    && !all.get(sig.get(k)).is("PRIMARY") && !all.get(sig.get(k)).is("FOREIGN")
                    && !all.get(sig.get(k)).is("CHECK")) {
                symbol = k++;
            }
        }
        if (k + 2 < n && all.get(sig.get(k)).is("FOREIGN") && all.get(sig.get(k + 1)).is("KEY")) {
            // FOREIGN KEY [index_name] (…): without a CONSTRAINT symbol, MySQL 5.7 names the foreign
            // key after the index name, else InnoDB's table_ibfk_N; H2 would call it CONSTRAINT_xx
            String name = null;
            if (all.get(sig.get(k + 2)).isIdentifier()) {
                name = all.get(sig.get(k + 2)).value();
                drop.add(sig.get(k + 2));
            }
            if (symbol < 0) {
                if (name == null) name = table + "_ibfk_" + ++foreignKeys[0];
                boolean keyword = all.get(sig.get(k - 1)).is("CONSTRAINT");
                replace.put(sig.get(k), (keyword ? "" : "CONSTRAINT ") + MySqlToH2.quoteIdent(name) + " FOREIGN");
            }
            return;
        }
        if (k < n && (all.get(sig.get(k)).is("FULLTEXT") || all.get(sig.get(k)).is("SPATIAL"))) {
            drop.add(sig.get(k++));
        }
        if (k + 1 < n && all.get(sig.get(k)).is("PRIMARY") && all.get(sig.get(k + 1)).is("KEY")) {
            listAfter(all, sig, k + 2, drop, true);
            return;
        }
        boolean unique = false;
        boolean key = false;
        if (k < n && all.get(sig.get(k)).is("UNIQUE")) {
            unique = true;
            k++;
        }
        if (k < n && (all.get(sig.get(k)).is("KEY") || all.get(sig.get(k)).is("INDEX"))) {
            key = true;
            k++;
        }
        if (!unique && !key) return;
        if (k < n && all.get(sig.get(k)).isIdentifier() && !all.get(sig.get(k)).is("USING")) {
            mangle(all, sig, k, table, replace);
        } else if (symbol >= 0 && unique) {
            mangle(all, sig, symbol, table, replace);
        }
        listAfter(all, sig, k, drop, unique);
    }

    /** The key's column list: the first parenthesis from sig index {@code k} ({@link #columnPrefixes}). */
    private static void listAfter(List<Token> all, List<Integer> sig, int k, Set<Integer> drop, boolean unique) {
        for (; k < sig.size() && !all.get(sig.get(k)).isSymbol(","); k++) {
            if (all.get(sig.get(k)).isSymbol("(")) {
                columnPrefixes(all, sig, k, drop, unique);
                return;
            }
        }
    }

    /**
     * A key's column prefixes ({@code KEY (name(10))}, as WordPress's tables have): a key on the
     * whole column, which finds the same rows (the engine indexes no prefix). A UNIQUE or PRIMARY
     * key on a prefix is refused with 1235: unique over the whole column would take values MySQL
     * refuses as duplicates.
     */
    private static void columnPrefixes(List<Token> all, List<Integer> sig, int open, Set<Integer> drop, boolean unique) {
        int close = MySqlToH2.matchingParen(all, sig, open);
        for (int k = open + 1; close > 0 && k + 3 <= close; k++) {
            if (all.get(sig.get(k)).isIdentifier() && (all.get(sig.get(k - 1)).isSymbol("(") || all.get(sig.get(k - 1)).isSymbol(","))
                    && all.get(sig.get(k + 1)).isSymbol("(") && all.get(sig.get(k + 2)).type() == TokenType.NUMBER
                    && all.get(sig.get(k + 3)).isSymbol(")")) {
                if (unique) {
                    throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("UNIQUE or PRIMARY KEY on a column prefix");
                }
                drop.add(sig.get(k + 1));
                drop.add(sig.get(k + 2));
                drop.add(sig.get(k + 3));
            }
        }
    }

    /**
     * A column definition's {@code REFERENCES p (id)}, a foreign key of its own (as MariaDB makes
     * it): named InnoDB's {@code table_ibfk_N}. True when the element at {@code k} is a column's.
     */
    private static boolean columnReferences(List<Token> all, List<Integer> sig, int k, String table,
                                            Map<Integer, String> replace, int[] foreignKeys) {
        Token first = all.get(sig.get(k));
        if (!first.isIdentifier()
                || first.type() != io.minisqld.server.sql.TokenType.QUOTED_IDENT && ELEMENT_WORDS.contains(first.upper())) {
            return false;
        }
        int depth = 0;
        for (int e = k + 1; e < sig.size(); e++) {
            Token t = all.get(sig.get(e));
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                if (--depth < 0) break;
            } else if (depth == 0 && t.isSymbol(",")) {
                break;
            } else if (depth == 0 && t.is("REFERENCES")) {
                if (!all.get(sig.get(e - 2)).is("CONSTRAINT")) {
                    replace.put(sig.get(e), "CONSTRAINT " + MySqlToH2.quoteIdent(table + "_ibfk_" + ++foreignKeys[0])
                            + " REFERENCES");
                }
                break;
            }
        }
        return true;
    }

    /** Words that start a table element other than a column's definition. */
    private static final Set<String> ELEMENT_WORDS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "KEY", "INDEX",
            "FOREIGN", "FULLTEXT", "SPATIAL", "CHECK", "DROP", "MODIFY", "CHANGE", "ALTER", "RENAME", "ADD",
            "ENGINE", "DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "COMMENT", "AUTO_INCREMENT", "CONVERT",
            "ORDER", "ALGORITHM", "LOCK", "FORCE", "DISABLE", "ENABLE", "DISCARD", "IMPORT", "ROW_FORMAT",
            "PERIOD", "LIKE", "AS", "SELECT", "IGNORE", "REPLACE", "PARTITION", "WITH", "WITHOUT", "VALIDATION");

    private static void mangle(List<Token> all, List<Integer> sig, int k, String table, Map<Integer, String> replace) {
        replace.put(sig.get(k), MySqlToH2.quoteIdent(h2KeyName(table, all.get(sig.get(k)).value())));
    }

}
