package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.StatementText;
import java.util.List;

/**
 * A statement the storage engine runs (DML, DDL, queries), carried as its tokens: the engine
 * translates them, the server substitutes its {@link ServerValue}s, checks the {@link #tables()}
 * and decides the transaction's boundaries from the flags.
 *
 * @param verb                the first keyword in upper case ({@code "("} for a parenthesized query)
 * @param implicitCommit      MySQL 5.7 commits the open transaction before it and itself after it (DDL)
 * @param loggedInTransaction it is written to the transaction's binlog cache (statement-based logging)
 * @param parameterMarkers    indexes in {@code text.tokens()} of its {@code ?} markers
 * @param values              which column each value of an INSERT, REPLACE or UPDATE goes to; null
 *                            for other statements and forms
 * @param multiTable          the reading of a multi-table UPDATE or DELETE; null for other statements
 */
public record EngineStatement(SqlSpan span, String verb, StatementKind kind, boolean implicitCommit,
                              boolean loggedInTransaction, List<TableRef> tables, List<Integer> parameterMarkers,
                              ColumnValues values, MultiTableChange multiTable)
        implements Statement {

    public EngineStatement {
        tables = List.copyOf(tables);
        parameterMarkers = List.copyOf(parameterMarkers);
    }

    public StatementText text() {
        return span.text();
    }

    /**
     * This multi-table UPDATE with its SET columns resolved ({@link MultiTableChange#resolve}):
     * the tables it names then say which it writes.
     */
    public EngineStatement withMultiTable(MultiTableChange resolved) {
        return new EngineStatement(span, verb, kind, implicitCommit, loggedInTransaction, resolved.tables(),
                parameterMarkers, values, resolved);
    }

    /** The user variables (lower case) a query assigns with {@code :=}, which the engine keeps while it runs. */
    public static java.util.Set<String> assignedInQuery(EngineStatement st) {
        return io.minisqld.server.sql.QueryAssignments.assigned(st.text().significant());
    }

    /**
     * The {@code AUTO_INCREMENT [=] n} table option of a {@code CREATE [TEMPORARY] TABLE … (…)}
     * statement ({@code sig}, its significant tokens): the counter the new table starts at (a
     * mysqldump's tables carry it); null when the statement is no such CREATE TABLE or has none.
     */
    public static Long createTableAutoIncrement(List<io.minisqld.server.sql.Token> sig) {
        if (sig.size() < 4 || !sig.get(0).is("CREATE")) return null;
        int k = sig.get(1).is("TEMPORARY") ? 2 : 1;
        if (!sig.get(k).is("TABLE")) return null;
        while (k < sig.size() && !sig.get(k).isSymbol("(")) {
            if (sig.get(k).is("LIKE") || sig.get(k).is("SELECT")) return null;
            k++;
        }
        int depth = 0;
        Long start = null;
        for (; k < sig.size(); k++) {
            io.minisqld.server.sql.Token t = sig.get(k);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && (t.is("SELECT") || t.is("AS") || t.is("IGNORE") || t.is("REPLACE"))) {
                break;
            } else if (depth == 0 && t.is("AUTO_INCREMENT")) {
                int n = k + 1;
                if (n < sig.size() && sig.get(n).isSymbol("=")) n++;
                if (n < sig.size() && sig.get(n).type() == io.minisqld.server.sql.TokenType.NUMBER) {
                    start = Long.parseLong(sig.get(n).text());
                }
            }
        }
        return start;
    }

    /**
     * {@code CREATE TEMPORARY TABLE …} or {@code DROP TEMPORARY TABLE …} ({@code sig}, the
     * significant tokens): the DDL that MySQL 5.7 runs inside the open transaction, without its commit.
     */
    public static boolean temporaryTableDdl(List<io.minisqld.server.sql.Token> sig) {
        return sig.size() > 3 && (sig.get(0).is("CREATE") || sig.get(0).is("DROP")) && sig.get(1).is("TEMPORARY")
                && sig.get(2).is("TABLE");
    }

    /** The statements that change a table's rows or definition (a temporary table's creation aside). */
    private static final java.util.Set<String> WRITING = java.util.Set.of("INSERT", "UPDATE", "DELETE", "REPLACE",
            "LOAD", "CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE");

    @Override
    public boolean writes() {
        if (!WRITING.contains(verb)) return false;
        List<io.minisqld.server.sql.Token> sig = text().significant();
        // CREATE TEMPORARY TABLE changes nothing other sessions see (read_only lets it run)
        return !(verb.equals("CREATE") && sig.size() > 1 && sig.get(1).is("TEMPORARY"));
    }

    @Override
    public boolean diagnostics() {
        // SELECT @@warning_count / @@error_count keep the warnings they count
        List<ServerValue> values = span.serverValues();
        if (!verb.equals("SELECT") || values.isEmpty()) return false;
        ServerValue v = values.get(0);
        if (v.kind() != ServerValue.Kind.SYSTEM_VARIABLE || text().significant().size() < 2
                || text().significant().get(1) != text().tokens().get(v.first())) {
            return false;
        }
        String name = v.name().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith("warning_count") || name.endsWith("error_count");
    }
}
