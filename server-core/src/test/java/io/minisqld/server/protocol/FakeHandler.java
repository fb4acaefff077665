package io.minisqld.server.protocol;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.wire.ServerStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A session that answers a handful of statements, enough for the clients the tests run. */
final class FakeHandler implements CommandHandler {
    static final String VERSION_COMMENT = "minisqld protocol test";
    private static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("version_comment", VERSION_COMMENT),
            Map.entry("version", FakeServer.VERSION),
            Map.entry("auto_increment_increment", "1"),
            Map.entry("character_set_client", "utf8mb4"),
            Map.entry("character_set_connection", "utf8mb4"),
            Map.entry("character_set_server", "utf8mb4"),
            Map.entry("collation_server", "utf8mb4_general_ci"),
            Map.entry("collation_connection", "utf8mb4_general_ci"),
            Map.entry("init_connect", ""),
            Map.entry("interactive_timeout", "28800"),
            Map.entry("license", "GPL"),
            Map.entry("lower_case_table_names", "0"),
            Map.entry("max_allowed_packet", "67108864"),
            Map.entry("net_write_timeout", "60"),
            Map.entry("performance_schema", "0"),
            Map.entry("query_cache_size", "0"),
            Map.entry("query_cache_type", "OFF"),
            Map.entry("sql_mode", "STRICT_TRANS_TABLES"),
            Map.entry("system_time_zone", "UTC"),
            Map.entry("time_zone", "SYSTEM"),
            Map.entry("transaction_isolation", "REPEATABLE-READ"),
            Map.entry("tx_isolation", "REPEATABLE-READ"),
            Map.entry("transaction_read_only", "0"),
            Map.entry("tx_read_only", "0"),
            Map.entry("wait_timeout", "28800"));
    private static final Pattern SELECT_ITEM =
            Pattern.compile("(@@(?:session\\.|global\\.)?(\\w+))(?:\\s+as\\s+(\\w+))?", Pattern.CASE_INSENSITIVE);

    private final FakeServer server;
    private final ClientConnection connection;
    final List<String> queries = new CopyOnWriteArrayList<>();
    final List<Boolean> multiFlags = new CopyOnWriteArrayList<>();
    final AtomicInteger closeCalls = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    volatile boolean shutdownRequested;
    volatile String database;

    FakeHandler(FakeServer server, ClientConnection connection, String database) {
        this.server = server;
        this.connection = connection;
        this.database = database;
    }

    long connectionId() {
        return connection.id();
    }

    @Override
    public void query(byte[] sqlBytes, boolean multiStatements, ResultSink sink) {
        String sql = new String(sqlBytes, java.nio.charset.StandardCharsets.UTF_8);
        queries.add(sql);
        multiFlags.add(multiStatements);
        List<String> statements = new ArrayList<>();
        if (multiStatements) {
            for (String s : sql.split(";")) {
                if (!s.isBlank()) {
                    statements.add(s);
                }
            }
            if (statements.isEmpty()) {
                statements.add("");
            }
        } else {
            statements.add(sql);
        }
        for (int i = 0; i < statements.size(); i++) {
            sink.send(answer(statements.get(i)), statusFlags(), 0, i < statements.size() - 1);
        }
    }

    private StatementResult answer(String statement) {
        String sql = statement.strip().replaceFirst("^/\\*.*?\\*/\\s*", "");
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            throw ErrorCode.ER_EMPTY_QUERY.error();
        }
        if (lower.equals("select * from missing")) {
            throw ErrorCode.ER_NO_SUCH_TABLE.error("test", "missing");
        }
        if (lower.equals("boom")) {
            throw new IllegalStateException("the fake handler exploded");
        }
        if (lower.startsWith("set ")) {
            return OkResult.EMPTY;
        }
        if (lower.startsWith("do ")) {
            // Reports the statement's length, so a test can see a huge query arrived whole.
            return OkResult.affected(sql.length());
        }
        if (lower.startsWith("insert into t ")) {
            return new OkResult(1, 3, null);
        }
        if (lower.startsWith("update t ")) {
            return new OkResult(2, 0, "Rows matched: 2  Changed: 2  Warnings: 0");
        }
        if (lower.equals("select 1")) {
            return RowsResult.of(List.of(Column.bigint("1")), List.of(List.of(1)));
        }
        if (lower.equals("select id, name from t")) {
            Column id = new Column("test", "t", "t", "id", "id", Column.BINARY_CHARSET, 11, ColumnType.LONG,
                    Column.NOT_NULL | Column.PRI_KEY | Column.NUM | Column.BINARY, 0);
            Column name = new Column("test", "t", "t", "name", "name", Column.UTF8_GENERAL_CI, 60, ColumnType.VAR_STRING, 0, 0);
            return RowsResult.of(List.of(id, name), List.of(List.of(1, "alpha"), Arrays.asList(2, null)));
        }
        if (lower.startsWith("select big ")) {
            int n = Integer.parseInt(lower.substring("select big ".length()).trim());
            byte[] value = new byte[n];
            Arrays.fill(value, (byte) 'b');
            return RowsResult.of(List.of(Column.text("big")), List.of(List.of(value)));
        }
        if (lower.startsWith("select") && lower.contains("@@")) {
            return selectVariables(sql);
        }
        if (lower.equals("show warnings")) {
            return RowsResult.of(List.of(Column.text("Level"), Column.bigint("Code"), Column.text("Message")), List.of());
        }
        throw ErrorCode.ER_PARSE_ERROR.error(sql, 1);
    }

    private RowsResult selectVariables(String sql) {
        String list = sql.replaceFirst("(?i)^select\\s+", "").replaceFirst("(?i)\\s+limit\\s+\\d+\\s*$", "");
        List<Column> columns = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        for (String item : list.split(",")) {
            Matcher m = SELECT_ITEM.matcher(item.strip());
            if (!m.matches()) {
                throw ErrorCode.ER_PARSE_ERROR.error(item.strip(), 1);
            }
            String name = m.group(2).toLowerCase(Locale.ROOT);
            if (!VARIABLES.containsKey(name) && !name.equals("character_set_results")) {
                throw ErrorCode.ER_UNKNOWN_SYSTEM_VARIABLE.error(name);
            }
            columns.add(Column.text(m.group(3) != null ? m.group(3) : m.group(1)));
            row.add(VARIABLES.get(name));
        }
        return RowsResult.of(columns, List.of(row));
    }

    @Override
    public void initDb(String db) {
        if (!server.databases.contains(db)) {
            throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        }
        database = db;
    }

    @Override
    public List<FieldInfo> fieldList(String table, String wildcard) {
        if (!table.equals("t")) {
            throw ErrorCode.ER_NO_SUCH_TABLE.error("test", table);
        }
        Column id = new Column("test", "t", "t", "id", "id", Column.BINARY_CHARSET, 11, ColumnType.LONG,
                Column.NOT_NULL | Column.PRI_KEY | Column.NUM | Column.BINARY, 0);
        Column name = new Column("test", "t", "t", "name", "name", Column.UTF8_GENERAL_CI, 60, ColumnType.VAR_STRING, 0, 0);
        return List.of(new FieldInfo(id, null), new FieldInfo(name, "nobody"));
    }

    @Override
    public void ping() {
    }

    @Override
    public void shutdown() {
        shutdownRequested = true;
    }

    @Override
    public void kill(long id) {
        server.kill(id);
    }

    @Override
    public void resetConnection() {
        resets.incrementAndGet();
    }

    @Override
    public void close() {
        closeCalls.incrementAndGet();
    }

    @Override
    public int statusFlags() {
        return ServerStatus.AUTOCOMMIT;
    }

    @Override
    public int warningCount() {
        return 0;
    }

    @Override
    public int maxAllowedPacket() {
        return server.maxAllowedPacket;
    }
}
