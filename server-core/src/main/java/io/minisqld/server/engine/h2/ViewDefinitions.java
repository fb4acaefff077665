package io.minisqld.server.engine.h2;

import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A view as MySQL defines it. H2 keeps a view's query in its own dialect, which the server would
 * not read back: so CREATE [OR REPLACE] VIEW and ALTER VIEW keep the MySQL text that follows the
 * view's name (its column list and {@code AS select …}, as typed) in the view's H2 comment, and
 * SHOW CREATE VIEW prints it ({@link TableMetadata}). MySQL's ALGORITHM, DEFINER and SQL SECURITY
 * clauses are read and dropped (H2 has no such options; views run with the querying session's
 * rights), and ALTER VIEW is H2's CREATE OR REPLACE VIEW.
 */
final class ViewDefinitions {
    /** What a view's comment starts with when it holds the MySQL definition. */
    static final String MARK = "mysql:";

    private ViewDefinitions() {
    }

    /**
     * For CREATE … VIEW and ALTER … VIEW: the sig index of the VIEW keyword, else -1. The words
     * between CREATE [OR REPLACE] / ALTER and VIEW are MySQL's view options.
     */
    static int viewKeyword(List<Token> all, List<Integer> sig) {
        if (sig.size() < 4) return -1;
        Token first = all.get(sig.get(0));
        if (!first.is("CREATE") && !first.is("ALTER")) return -1;
        for (int s = 1; s < sig.size(); s++) {
            Token t = all.get(sig.get(s));
            if (t.is("VIEW")) return s;
            if (t.is("TABLE") || t.is("INDEX") || t.is("DATABASE") || t.is("SCHEMA") || t.is("USER") || t.isSymbol("(")) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Rewrites the head of a view statement for H2: ALTER becomes CREATE OR REPLACE, and the
     * options before VIEW are dropped.
     */
    static void translateHead(List<Token> all, List<Integer> sig, int view, Map<Integer, String> replace,
                              Set<Integer> drop) {
        int from = 1;
        if (all.get(sig.get(0)).is("ALTER")) {
            replace.put(sig.get(0), "CREATE OR REPLACE");
        } else if (sig.size() > 3 && all.get(sig.get(1)).is("OR") && all.get(sig.get(2)).is("REPLACE")) {
            from = 3;
        }
        for (int s = from; s < view; s++) drop.add(sig.get(s));
        // WITH [CASCADED | LOCAL] CHECK OPTION (mysqldump writes it): checks rows changed through
        // the view, which the server refuses (1235), so the engine's view needs none; the MySQL text kept shows it
        int end = sig.size();
        while (end > 0 && all.get(sig.get(end - 1)).isSymbol(";")) end--;
        if (end >= 4 && all.get(sig.get(end - 1)).is("OPTION") && all.get(sig.get(end - 2)).is("CHECK")) {
            int with = all.get(sig.get(end - 3)).is("CASCADED") || all.get(sig.get(end - 3)).is("LOCAL") ? end - 4 : end - 3;
            if (with > view && all.get(sig.get(with)).is("WITH")) {
                for (int s = with; s < end; s++) drop.add(sig.get(s));
            }
        }
    }

    /**
     * After the engine ran a view statement: keeps its MySQL text in the view's comment. The
     * statement's tokens are the MySQL ones; {@code view} is the sig index of VIEW.
     */
    static void remember(Connection conn, String currentSchema, List<Token> all, List<Integer> sig, int view)
            throws SQLException {
        int s = view + 1;
        if (s < sig.size() && all.get(sig.get(s)).is("IF")) s += 3; // IF NOT EXISTS
        if (s >= sig.size()) return;
        String schema = currentSchema;
        String name = all.get(sig.get(s)).value();
        if (s + 2 < sig.size() && all.get(sig.get(s + 1)).isSymbol(".")) {
            schema = name;
            name = all.get(sig.get(s + 2)).value();
            s += 2;
        }
        if (schema == null || s + 1 >= sig.size()) return;
        String definition = withoutCommentMarkers(all, sig.get(s) + 1, sig.get(sig.size() - 1));
        try (PreparedStatement ps = conn.prepareStatement("COMMENT ON VIEW " + H2StorageEngine.ident(schema) + "."
                + H2StorageEngine.ident(name) + " IS ?")) {
            ps.setString(1, MARK + definition.strip());
            ps.execute();
        }
    }

    /**
     * The text of tokens [from, to] (indexes in {@code all}) as a definition keeps it: an
     * executable comment's markers (its opening with the version, its end) are no part of it (a
     * dumped view or trigger comes wrapped in them).
     */
    static String withoutCommentMarkers(List<Token> all, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i <= to; i++) {
            Token t = all.get(i);
            if (t.type() == TokenType.SPACE && (t.text().startsWith("/*!") || t.text().equals("*/"))) {
                b.append(' ');
                continue;
            }
            b.append(t.text());
        }
        return b.toString();
    }
}
