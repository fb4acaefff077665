package io.minisqld.server.statements;

import io.minisqld.server.sql.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of a table a one-table statement reads and writes, for column privileges (MySQL
 * 5.7 manual 6.2.1, {@code mysql.columns_priv}): found in the statement's tokens, a coarse reading
 * as the statement model's tables are. A word that names a column of the table counts wherever it
 * stands, except as a table's name, a function's name, or a column written (the INSERT column
 * list, the targets of SET); {@code *} as a select item is every column.
 */
final class ColumnUse {
    private ColumnUse() {
    }

    /**
     * A statement's tables as its text names them: each table (database-qualified or not) with the
     * alias it has there, for attributing {@code alias.column} and unqualified column names.
     */
    record Named(String table, String alias) {
    }

    /** Words after a table's name that are no alias. */
    private static final Set<String> NOT_ALIAS = Set.of("WHERE", "JOIN", "INNER", "LEFT", "RIGHT", "CROSS",
            "STRAIGHT_JOIN", "NATURAL", "ON", "USING", "SET", "GROUP", "ORDER", "LIMIT", "HAVING", "UNION", "FOR",
            "LOCK", "VALUES", "VALUE", "SELECT", "WINDOW", "PARTITION", "USE", "IGNORE", "FORCE", "AS", "OUTER");

    /** The tables named after FROM / JOIN / UPDATE / INTO (and in FROM's comma list), with their aliases. */
    static List<Named> named(List<Token> sig) {
        List<Named> out = new ArrayList<>();
        for (int i = 0; i < sig.size(); i++) {
            if (!isIntroducer(sig.get(i))) continue;
            int j = i + 1;
            while (j < sig.size()) {
                if (!sig.get(j).isIdentifier()) break;
                int k = j + 1;
                if (k + 1 < sig.size() && sig.get(k).isSymbol(".") && sig.get(k + 1).isIdentifier()) {
                    j = k + 1;
                    k = j + 1;
                }
                String table = sig.get(j).value();
                String alias = table;
                if (k < sig.size() && sig.get(k).is("AS")) k++;
                if (k < sig.size() && sig.get(k).isIdentifier() && !NOT_ALIAS.contains(sig.get(k).upper())) {
                    alias = sig.get(k).value();
                    k++;
                }
                out.add(new Named(table, alias));
                // FROM a, b …: the next table of the list
                if (k < sig.size() && sig.get(k).isSymbol(",") && (sig.get(i).is("FROM") || sig.get(i).is("UPDATE"))) {
                    j = k + 1;
                    continue;
                }
                break;
            }
        }
        return out;
    }

    /**
     * The columns of {@code table} a statement on several tables reads: {@code x.column} where x
     * is the table or its alias, an unqualified name that is a column of {@code table} (MySQL
     * refuses a name several of the tables have unless qualified, so it is counted for each),
     * {@code *} (every table's columns) and {@code x.*}.
     */
    static List<String> readOf(List<Token> sig, String table, List<String> columns, List<Named> tables) {
        Set<Integer> written = new java.util.HashSet<>(writtenPositions(sig));
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < sig.size(); i++) {
            Token t = sig.get(i);
            boolean qualified = i > 1 && sig.get(i - 1).isSymbol(".") && sig.get(i - 2).isIdentifier();
            if (t.isSymbol("*") && i > 0 && selectItemStart(sig.get(i - 1))) {
                if (!qualified || names(tables, sig.get(i - 2).value(), table)) out.addAll(columns);
                continue;
            }
            if (written.contains(i) || !t.isIdentifier() || tableName(sig, i)) continue;
            if (i + 1 < sig.size() && (sig.get(i + 1).isSymbol("(") || sig.get(i + 1).isSymbol("."))) continue;
            // an alias: after AS, or right after a table's name
            if (i > 0 && (sig.get(i - 1).is("AS") || (sig.get(i - 1).isIdentifier() && tableName(sig, i - 1)))) continue;
            String c = column(columns, t.value());
            if (c == null) continue;
            if (qualified && !names(tables, sig.get(i - 2).value(), table)) continue;
            out.add(c);
        }
        return new ArrayList<>(out);
    }

    /** The columns of {@code table} a multi-table UPDATE's SET writes ({@code x.c = …} or an unqualified c of it). */
    static List<String> writtenOf(List<Token> sig, String table, List<String> columns, List<Named> tables) {
        Set<String> out = new LinkedHashSet<>();
        for (int i : writtenPositions(sig)) {
            String c = column(columns, sig.get(i).value());
            if (c == null) continue;
            boolean qualified = i > 1 && sig.get(i - 1).isSymbol(".");
            if (qualified && !names(tables, sig.get(i - 2).value(), table)) continue;
            out.add(c);
        }
        return new ArrayList<>(out);
    }

    /** Whether the qualifier {@code x} of {@code x.column} stands for {@code table}. */
    private static boolean names(List<Named> tables, String qualifier, String table) {
        for (Named n : tables) {
            if (n.alias().equalsIgnoreCase(qualifier)) return n.table().equalsIgnoreCase(table);
        }
        return qualifier.equalsIgnoreCase(table);
    }

    /** The columns read, in statement order, without repeats. */
    static List<String> read(List<Token> sig, List<String> columns) {
        Set<Integer> written = new java.util.HashSet<>(writtenPositions(sig));
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < sig.size(); i++) {
            Token t = sig.get(i);
            if (t.isSymbol("*") && i > 0 && selectItemStart(sig.get(i - 1))) {
                out.addAll(columns);
                continue;
            }
            if (written.contains(i) || !t.isIdentifier() || tableName(sig, i)) continue;
            if (i + 1 < sig.size() && sig.get(i + 1).isSymbol("(")) continue;
            String c = column(columns, t.value());
            if (c != null) out.add(c);
        }
        return new ArrayList<>(out);
    }

    /**
     * The columns written: INSERT's column list (every column without one), the targets of
     * INSERT … SET and UPDATE … SET.
     */
    static List<String> written(List<Token> sig, List<String> columns) {
        List<Integer> at = writtenPositions(sig);
        if (at.isEmpty() && (sig.get(0).is("INSERT") || sig.get(0).is("REPLACE"))) return columns;
        Set<String> out = new LinkedHashSet<>();
        for (int i : at) {
            String c = column(columns, sig.get(i).value());
            if (c != null) out.add(c);
        }
        return new ArrayList<>(out);
    }

    /** The positions of the column names written. */
    private static List<Integer> writtenPositions(List<Token> sig) {
        List<Integer> out = new ArrayList<>();
        if (sig.isEmpty()) return out;
        boolean insert = sig.get(0).is("INSERT") || sig.get(0).is("REPLACE");
        for (int i = 0; i < sig.size(); i++) {
            Token t = sig.get(i);
            if (insert && t.is("INTO")) {
                // INTO [db.]t ( c1, c2 )
                int j = i + 1;
                if (j + 2 < sig.size() && sig.get(j + 1).isSymbol(".")) j += 2;
                j++;
                if (j < sig.size() && sig.get(j).isSymbol("(") && !(j + 1 < sig.size() && sig.get(j + 1).is("SELECT"))) {
                    for (j++; j < sig.size() && !sig.get(j).isSymbol(")"); j++) {
                        if (sig.get(j).isIdentifier()) out.add(j);
                    }
                }
            }
            if (t.is("SET") && i > 0) {
                int depth = 0;
                for (int j = i + 1; j < sig.size(); j++) {
                    Token u = sig.get(j);
                    if (u.isSymbol("(")) depth++;
                    else if (u.isSymbol(")")) depth--;
                    if (depth > 0) continue;
                    if (u.is("WHERE") || u.is("ORDER") || u.is("LIMIT") || u.is("ON")) break;
                    if (u.isIdentifier() && j + 1 < sig.size() && sig.get(j + 1).isSymbol("=")
                            && (sig.get(j - 1).is("SET") || sig.get(j - 1).isSymbol(",") || sig.get(j - 1).isSymbol("."))) {
                        out.add(j);
                    }
                }
            }
        }
        return out;
    }

    private static boolean selectItemStart(Token previous) {
        return previous.is("SELECT") || previous.is("DISTINCT") || previous.isSymbol(",") || previous.isSymbol(".");
    }

    /**
     * True if the word at {@code i} names a table: right after FROM, JOIN, INTO, UPDATE or TABLE
     * (a table, or the database of {@code db.table}), or after {@code db.} there.
     */
    private static boolean tableName(List<Token> sig, int i) {
        if (i > 0 && isIntroducer(sig.get(i - 1))) return true;
        return i > 2 && sig.get(i - 1).isSymbol(".") && isIntroducer(sig.get(i - 3));
    }

    private static boolean isIntroducer(Token t) {
        return t.is("FROM") || t.is("JOIN") || t.is("INTO") || t.is("UPDATE") || t.is("TABLE");
    }

    private static String column(List<String> columns, String name) {
        for (String c : columns) {
            if (c.equalsIgnoreCase(name)) return c;
        }
        return null;
    }
}
