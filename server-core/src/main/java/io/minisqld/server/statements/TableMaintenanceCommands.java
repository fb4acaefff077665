package io.minisqld.server.statements;

import io.minisqld.server.engine.EngineSession;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.AdminStatement;
import io.minisqld.server.sql.statement.AdminStatement.Maintenance;
import io.minisqld.server.sql.statement.TableRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CHECK, ANALYZE, OPTIMIZE, REPAIR and CHECKSUM TABLE with the result rows MySQL 5.7 gives for
 * InnoDB tables (what mariadb-check and the dump tools read):
 * <ul>
 *   <li>CHECK and ANALYZE: {@code status OK}; the engine keeps its tables consistent and plans
 *       without statistics, so there is nothing to check or gather;</li>
 *   <li>OPTIMIZE: InnoDB's note that it recreates and analyzes instead, then {@code status OK};</li>
 *   <li>REPAIR: InnoDB's note that the engine does not support repair;</li>
 *   <li>a table that does not exist: {@code Error} with 1146's text, then {@code status Operation
 *       failed} (CHECKSUM: a NULL checksum and warning 1146).</li>
 * </ul>
 * ANALYZE, OPTIMIZE and REPAIR are written to the binlog unless NO_WRITE_TO_BINLOG / LOCAL, as MySQL
 * writes them. CHECKSUM TABLE is the sum of each row's CRC32 over its values in column order, so
 * equal tables on two minisqld servers give equal checksums; the number differs from MySQL's,
 * which hashes its own row format.
 */
final class TableMaintenanceCommands {
    private static final List<Column> OPERATION_COLUMNS = List.of(Column.textNotNull("Table"),
            Column.textNotNull("Op"), Column.textNotNull("Msg_type"), Column.textNotNull("Msg_text"));
    private static final List<Column> CHECKSUM_COLUMNS = List.of(Column.textNotNull("Table"),
            Column.bigint("Checksum"));

    private final ServerContext server;
    private final Transactions transactions;

    TableMaintenanceCommands(ServerContext server, Transactions transactions) {
        this.server = server;
        this.transactions = transactions;
    }

    void register(DispatchTable table) {
        table.register(AdminStatement.TableMaintenance.class, this::execute);
    }

    private StatementResult execute(Session s, AdminStatement.TableMaintenance st, StatementText text) {
        TablePrivileges.check(server.accounts(), s, st.tables());
        List<List<?>> rows = new ArrayList<>();
        boolean changed = false;
        for (TableRef t : st.tables()) {
            String db = t.database() != null ? t.database() : s.database();
            if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
            String shown = db + "." + t.table();
            TableInfo info;
            try {
                info = s.engine().describe(db, t.table());
            } catch (SqlError missing) {
                if (missing.number() != ErrorCode.ER_NO_SUCH_TABLE.number()) throw missing;
                if (st.operation() == Maintenance.CHECKSUM) {
                    s.warn(ErrorCode.ER_NO_SUCH_TABLE, db, t.table());
                    rows.add(Arrays.asList(shown, null));
                } else {
                    String op = st.operation().name().toLowerCase(java.util.Locale.ROOT);
                    rows.add(List.of(shown, op, "Error", missing.getMessage()));
                    rows.add(List.of(shown, op, "status", "Operation failed"));
                }
                continue;
            }
            if (info.view() && st.operation() != Maintenance.CHECK && st.operation() != Maintenance.CHECKSUM) {
                // a view has no storage to analyze, optimize or repair (MySQL 5.7's rows)
                String op = st.operation().name().toLowerCase(java.util.Locale.ROOT);
                rows.add(List.of(shown, op, "Error", ErrorCode.ER_WRONG_OBJECT.error(db, t.table(), "BASE TABLE").getMessage()));
                rows.add(List.of(shown, op, "status", "Operation failed"));
                continue;
            }
            switch (st.operation()) {
                case CHECK -> rows.add(List.of(shown, "check", "status", "OK"));
                case ANALYZE -> {
                    rows.add(List.of(shown, "analyze", "status", "OK"));
                    changed = true;
                }
                case OPTIMIZE -> {
                    rows.add(List.of(shown, "optimize", "note",
                            "Table does not support optimize, doing recreate + analyze instead"));
                    rows.add(List.of(shown, "optimize", "status", "OK"));
                    changed = true;
                }
                case REPAIR -> {
                    rows.add(List.of(shown, "repair", "note", "The storage engine for the table doesn't support repair"));
                    changed = true;
                }
                case CHECKSUM -> rows.add(Arrays.asList(shown, checksum(s, db, info)));
            }
        }
        if (s.autocommit() && !s.inTransaction()) s.engine().commit();
        if (changed && !st.local()) {
            transactions.logCommitted(s, s.database(), text.loggedText());
        }
        return RowsResult.of(st.operation() == Maintenance.CHECKSUM ? CHECKSUM_COLUMNS : OPERATION_COLUMNS, rows);
    }

    /** The sum of CRC32 over each row's values (and which of them are NULL), 0 for no rows. */
    private static long checksum(Session s, String db, TableInfo info) {
        StringBuilder values = new StringBuilder();
        StringBuilder nulls = new StringBuilder();
        for (TableInfo.ColumnInfo c : info.columns()) {
            String column = quote(c.name());
            values.append(", ").append(column);
            nulls.append(nulls.length() == 0 ? "" : ", ").append("ISNULL(").append(column).append(")");
        }
        String sql = "SELECT COALESCE(SUM(CRC32(CONCAT_WS('#'" + values + ", CONCAT(" + nulls + ")))), 0) FROM "
                + quote(db) + "." + quote(info.name());
        EngineSession.EngineResult r = s.engine().executeInternal(sql);
        if (!(r instanceof EngineSession.Rows rows) || rows.rows().rows().isEmpty()) return 0;
        byte[] value = rows.rows().rows().get(0)[0];
        return value == null ? 0 : new java.math.BigDecimal(new String(value, java.nio.charset.StandardCharsets.US_ASCII))
                .longValue();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
