package io.minisqld.server.statements;

import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.Privilege;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.ColumnType;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.session.Warning;
import io.minisqld.server.sql.LikePattern;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.statement.ShowStatement;
import io.minisqld.server.variables.StorageEngines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The SHOW statements the server answers itself, with MySQL 5.7's columns. */
final class ShowStatements {
    private final ServerContext server;
    private final ServerLocks locks;
    private final EngineStatements engine;
    /** SHOW [GLOBAL|SESSION] VARIABLES|STATUS WHERE …: the engine filters the rows of these. */
    private final Map<String, StatementText> wherePrefixes = new TreeMap<>();
    private final StatementText whereSuffix;

    ShowStatements(ServerContext server, EngineStatements engine, ServerLocks locks) {
        this.locks = locks;
        this.server = server;
        this.engine = engine;
        for (String scope : List.of("GLOBAL_", "SESSION_")) {
            for (String kind : List.of("VARIABLES", "STATUS")) {
                // information_schema has upper-case names: SHOW VARIABLES shows them in lower case
                String name = kind.equals("VARIABLES") ? "LOWER(VARIABLE_NAME)" : "VARIABLE_NAME";
                wherePrefixes.put(scope + kind, server.lexer().statement("SELECT * FROM (SELECT " + name
                        + " AS Variable_name, VARIABLE_VALUE AS Value FROM information_schema." + scope + kind
                        + ") AS show_rows WHERE "));
            }
        }
        whereSuffix = server.lexer().statement(" ORDER BY Variable_name");
    }

    /** Registers every SHOW of {@link ShowStatement} with its handler. */
    void register(DispatchTable table) {
        table.register(ShowStatement.Variables.class, (s, st, t) -> nameValue(s, "VARIABLES", st.global(), st.filter(),
                        server.variables().show(st.global() ? null : s.variables())))
                .register(ShowStatement.Status.class, (s, st, t) -> nameValue(s, "STATUS", st.global(), st.filter(),
                        server.status().show(st.global() ? null : s.status())))
                .register(ShowStatement.Databases.class, (s, st, t) -> databases(s, st))
                .register(ShowStatement.Tables.class, (s, st, t) -> tables(s, st))
                .register(ShowStatement.TableStatus.class, (s, st, t) -> tableStatus(s, st))
                .register(ShowStatement.Triggers.class, (s, st, t) -> triggers(s, st))
                .register(ShowStatement.CreateTrigger.class, (s, st, t) -> createTrigger(s, st))
                .register(ShowStatement.Indexes.class, (s, st, t) -> indexes(s, st))
                .register(ShowStatement.RoutineStatus.class, (s, st, t) -> routineStatus(s, st))
                .register(ShowStatement.Columns.class, (s, st, t) -> columns(s, st))
                .register(ShowStatement.CreateDatabase.class, (s, st, t) -> createDatabase(st.database(), st.ifNotExists()))
                .register(ShowStatement.CreateTable.class, (s, st, t) -> createTable(s, st))
                .register(ShowStatement.Warnings.class, (s, st, t) -> warnings(s, st))
                .register(ShowStatement.WarningCount.class, (s, st, t) -> warningCount(s, st.errorsOnly()))
                .register(ShowStatement.Processlist.class, (s, st, t) -> processlist(s, st.full()))
                .register(ShowStatement.Engines.class, (s, st, t) -> engines())
                .register(ShowStatement.EngineStatus.class, (s, st, t) -> engineStatus(s, st))
                .register(ShowStatement.OpenTables.class, (s, st, t) -> openTables(s, st))
                .register(ShowStatement.Privileges.class, (s, st, t) -> privileges())
                .register(ShowStatement.Collations.class, (s, st, t) -> collations(s, st))
                .register(ShowStatement.CharacterSets.class, (s, st, t) -> characterSets(s, st));
    }

    /**
     * SHOW DATABASES: without the SHOW DATABASES privilege, the databases the account may USE
     * (MySQL 5.7: a database-kind privilege globally or on it, or a grant on one of its tables).
     */
    private StatementResult databases(Session s, ShowStatement.Databases st) {
        LikePattern like = st.like() == null ? null : new LikePattern(st.like());
        boolean all = server.accounts().hasGlobal(s.account(), Privilege.SHOW_DATABASES);
        List<List<?>> rows = new ArrayList<>();
        for (String db : databases()) {
            if (!all && !db.equals("information_schema") && !server.accounts().canUseDatabase(s.account(), db)) continue;
            if (like == null || like.matches(db)) rows.add(List.of(db));
        }
        String label = like == null ? "Database" : "Database (" + st.like() + ")";
        return RowsResult.of(List.of(Column.textNotNull(label)), rows);
    }

    List<String> databases() {
        List<String> dbs = new ArrayList<>();
        dbs.add("information_schema");
        dbs.addAll(server.engine().databases());
        return dbs;
    }

    /** SHOW VARIABLES / STATUS [LIKE 'p' | WHERE cond]: Variable_name, Value. */
    private StatementResult nameValue(Session s, String kind, boolean global, ShowStatement.Filter filter,
                                      List<Map.Entry<String, String>> entries) {
        List<Column> cols = List.of(Column.textNotNull("Variable_name"), Column.text("Value"));
        if (filter.where() != null) {
            // the condition names the SHOW columns; the engine evaluates it over these rows
            RowsResult r = engine.query(s, wherePrefixes.get((global ? "GLOBAL_" : "SESSION_") + kind), filter.where(),
                    whereSuffix);
            if (kind.equals("STATUS")) {
                // information_schema has upper-case names; SHOW STATUS shows MySQL's spelling
                List<List<?>> rows = new ArrayList<>();
                Map<String, String> spelled = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (Map.Entry<String, String> e : entries) spelled.put(e.getKey(), e.getKey());
                for (int i = 0; i < r.rows().size(); i++) {
                    String n = r.text(i, 0);
                    rows.add(Arrays.asList(spelled.getOrDefault(n, n), r.text(i, 1)));
                }
                return RowsResult.of(cols, rows);
            }
            return new RowsResult(cols, r.rows());
        }
        LikePattern like = filter.like() == null ? null : new LikePattern(filter.like());
        List<List<?>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            if (like == null || like.matches(e.getKey())) rows.add(Arrays.asList(e.getKey(), e.getValue()));
        }
        return RowsResult.of(cols, rows);
    }

    private StatementResult tables(Session s, ShowStatement.Tables st) {
        String db = st.database() != null ? st.database() : s.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        if (!server.engine().databaseExists(db)) throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        // as USE: 1044 for a database the account has no privilege in; then the tables it may see
        boolean schema = db.equalsIgnoreCase("information_schema");
        if (!schema && !server.accounts().canUseDatabase(s.account(), db)) throw AccessDenied.database(s, db);
        boolean allTables = schema || anyTablePrivilege(s, db, null);
        String likeText = st.filter().like();
        LikePattern like = likeText == null ? null : new LikePattern(likeText);
        String label = "Tables_in_" + db + (like == null ? "" : " (" + likeText + ")");
        List<Column> cols = new ArrayList<>();
        cols.add(Column.textNotNull(label));
        if (st.full()) cols.add(Column.textNotNull("Table_type"));
        List<List<?>> rows = new ArrayList<>();
        for (TableInfo t : s.engine().tables(db)) {
            if (like != null && !like.matches(t.name())) continue;
            if (!allTables && !anyTablePrivilege(s, db, t.name())
                    && !server.accounts().hasColumnGrants(s.account(), Privilege.SELECT, db, t.name())
                    && !server.accounts().hasColumnGrants(s.account(), Privilege.INSERT, db, t.name())
                    && !server.accounts().hasColumnGrants(s.account(), Privilege.UPDATE, db, t.name())) {
                continue;
            }
            rows.add(st.full() ? List.of(t.name(), t.view() ? "VIEW" : "BASE TABLE") : List.of(t.name()));
        }
        if (st.filter().where() != null) return where(s, cols, rows, st.filter().where());
        return RowsResult.of(cols, rows);
    }

    /**
     * The rows of a SHOW statement computed here that its WHERE condition keeps: the condition
     * may name any of its columns, as MySQL's (it was ignored: every row was shown).
     */
    private RowsResult where(Session s, List<Column> cols, List<List<?>> rows,
                             io.minisqld.server.sql.statement.SqlSpan condition) {
        if (rows.isEmpty()) return RowsResult.of(cols, rows);
        StringBuilder q = new StringBuilder("SELECT * FROM (");
        List<List<?>> shown = rows;
        for (int r = 0; r < shown.size(); r++) {
            if (r > 0) q.append(" UNION ALL ");
            q.append("SELECT ");
            for (int c = 0; c < cols.size(); c++) {
                Object v = shown.get(r).get(c);
                if (c > 0) q.append(", ");
                q.append(v == null ? "NULL" : io.minisqld.server.engine.SqlLiteral.quote(v.toString()))
                        .append(" AS `").append(cols.get(c).name().replace("`", "``")).append('`');
            }
        }
        q.append(") AS show_rows WHERE ");
        RowsResult kept = engine.query(s, server.lexer().statement(q.toString()), condition, server.lexer().statement(""));
        return new RowsResult(cols, kept.rows());
    }

    /**
     * SHOW TABLE STATUS: MySQL's columns for the database's tables and views, from
     * information_schema.TABLES; LIKE matches Name, WHERE may name any column.
     */
    /** SHOW TRIGGERS: MySQL's 11 columns, from information_schema.TRIGGERS; LIKE matches the table's name. */
    private StatementResult triggers(Session s, ShowStatement.Triggers st) {
        String db = st.database() != null ? st.database() : s.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        if (!server.engine().databaseExists(db)) throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        StatementText prefix = server.lexer().statement("SELECT * FROM (SELECT TRIGGER_NAME AS `Trigger`,"
                + " EVENT_MANIPULATION AS `Event`, EVENT_OBJECT_TABLE AS `Table`, ACTION_STATEMENT AS `Statement`,"
                + " ACTION_TIMING AS `Timing`, CREATED AS `Created`, SQL_MODE AS `sql_mode`, DEFINER AS `Definer`,"
                + " CHARACTER_SET_CLIENT AS `character_set_client`, COLLATION_CONNECTION AS `collation_connection`,"
                + " DATABASE_COLLATION AS `Database Collation`, ACTION_ORDER AS show_order"
                + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = "
                + io.minisqld.server.engine.SqlLiteral.quote(db) + ") AS show_rows WHERE ");
        io.minisqld.server.sql.statement.SqlSpan condition = condition(st.filter(), "`Table`");
        RowsResult all = engine.query(s, prefix, condition,
                server.lexer().statement(" ORDER BY `Table`, FIELD(`Event`, 'INSERT', 'UPDATE', 'DELETE'),"
                        + " FIELD(`Timing`, 'BEFORE', 'AFTER'), show_order"));
        // the ordering column is no column of SHOW TRIGGERS
        List<Column> columns = all.columns().subList(0, 11);
        List<byte[][]> rows = new ArrayList<>();
        for (byte[][] r : all.rows()) rows.add(java.util.Arrays.copyOf(r, 11));
        return new RowsResult(columns, rows);
    }

    /** A SHOW statement's filter as the condition of its composed query: WHERE as given, LIKE on {@code column}. */
    private io.minisqld.server.sql.statement.SqlSpan condition(ShowStatement.Filter filter, String column) {
        if (filter.where() != null) return filter.where();
        StatementText like = server.lexer().statement(filter.like() == null ? "TRUE"
                : column + " LIKE " + io.minisqld.server.engine.SqlLiteral.quote(filter.like()));
        return new io.minisqld.server.sql.statement.SqlSpan(like, 0, like.tokens().size(), List.of());
    }

    /** A condition that holds for every row, where a composed query needs one. */
    private io.minisqld.server.sql.statement.SqlSpan always() {
        StatementText t = server.lexer().statement("TRUE");
        return new io.minisqld.server.sql.statement.SqlSpan(t, 0, t.tokens().size(), List.of());
    }

    /** SHOW PROCEDURE | FUNCTION STATUS: MySQL's 11 columns from information_schema.ROUTINES; LIKE matches the name. */
    private StatementResult routineStatus(Session s, ShowStatement.RoutineStatus st) {
        StatementText prefix = server.lexer().statement("SELECT * FROM (SELECT ROUTINE_SCHEMA AS `Db`,"
                + " ROUTINE_NAME AS `Name`, ROUTINE_TYPE AS `Type`, DEFINER AS `Definer`, LAST_ALTERED AS `Modified`,"
                + " CREATED AS `Created`, SECURITY_TYPE AS `Security_type`, ROUTINE_COMMENT AS `Comment`,"
                + " CHARACTER_SET_CLIENT AS `character_set_client`, COLLATION_CONNECTION AS `collation_connection`,"
                + " DATABASE_COLLATION AS `Database Collation` FROM information_schema.ROUTINES WHERE ROUTINE_TYPE = "
                + (st.functions() ? "'FUNCTION'" : "'PROCEDURE'") + ") AS show_rows WHERE ");
        io.minisqld.server.sql.statement.SqlSpan condition = condition(st.filter(), "`Name`");
        return engine.query(s, prefix, condition, server.lexer().statement(" ORDER BY `Db`, `Name`"));
    }

    /** SHOW COLLATION: MySQL's 6 columns from information_schema.COLLATIONS; LIKE matches the name. */
    private StatementResult collations(Session s, ShowStatement.Collations st) {
        StatementText prefix = server.lexer().statement("SELECT * FROM (SELECT COLLATION_NAME AS `Collation`,"
                + " CHARACTER_SET_NAME AS `Charset`, ID AS `Id`, IS_DEFAULT AS `Default`, IS_COMPILED AS `Compiled`,"
                + " SORTLEN AS `Sortlen` FROM information_schema.COLLATIONS) AS show_rows WHERE ");
        return engine.query(s, prefix, condition(st.filter(), "`Collation`"),
                server.lexer().statement(" ORDER BY `Collation`"));
    }

    /** SHOW CHARACTER SET: MySQL's 4 columns from information_schema.CHARACTER_SETS; LIKE matches the name. */
    private StatementResult characterSets(Session s, ShowStatement.CharacterSets st) {
        StatementText prefix = server.lexer().statement("SELECT * FROM (SELECT CHARACTER_SET_NAME AS `Charset`,"
                + " DESCRIPTION AS `Description`, DEFAULT_COLLATE_NAME AS `Default collation`, MAXLEN AS `Maxlen`"
                + " FROM information_schema.CHARACTER_SETS) AS show_rows WHERE ");
        return engine.query(s, prefix, condition(st.filter(), "`Charset`"), server.lexer().statement(" ORDER BY `Charset`"));
    }

    /** SHOW CREATE TRIGGER: the definition with MySQL's DEFINER clause (1360 when there is none). */
    private StatementResult createTrigger(Session s, ShowStatement.CreateTrigger st) {
        String db = st.database() != null ? st.database() : s.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        RowsResult found = engine.query(s, server.lexer().statement("SELECT TRIGGER_NAME, SQL_MODE, DEFINER,"
                        + " ACTION_TIMING, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_STATEMENT, CREATED"
                        + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = "
                        + io.minisqld.server.engine.SqlLiteral.quote(db) + " AND TRIGGER_NAME = "
                        + io.minisqld.server.engine.SqlLiteral.quote(st.name()) + " AND "), always(), null);
        if (found.rows().isEmpty()) throw ErrorCode.ER_TRG_DOES_NOT_EXIST.error();
        byte[][] r = found.rows().get(0);
        java.util.function.IntFunction<String> text = i -> r[i] == null ? null
                : new String(r[i], java.nio.charset.StandardCharsets.UTF_8);
        String definer = text.apply(2);
        int at = definer.lastIndexOf('@');
        String create = "CREATE DEFINER=`" + (at < 0 ? definer : definer.substring(0, at)) + "`@`"
                + (at < 0 ? "%" : definer.substring(at + 1)) + "` TRIGGER `" + text.apply(0) + "` " + text.apply(3) + " "
                + text.apply(4) + " ON `" + text.apply(5) + "` FOR EACH ROW " + text.apply(6);
        return RowsResult.of(List.of(Column.textNotNull("Trigger"), Column.textNotNull("sql_mode"),
                        Column.textNotNull("SQL Original Statement"), Column.textNotNull("character_set_client"),
                        Column.textNotNull("collation_connection"), Column.textNotNull("Database Collation"),
                        Column.text("Created")),
                List.of(java.util.Arrays.asList(text.apply(0), text.apply(1), create, "utf8mb4", "utf8mb4_general_ci",
                        "utf8mb4_general_ci", text.apply(7))));
    }

    private StatementResult tableStatus(Session s, ShowStatement.TableStatus st) {
        String db = st.database() != null ? st.database() : s.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        if (!server.engine().databaseExists(db)) throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        StatementText prefix = server.lexer().statement("SELECT * FROM (SELECT TABLE_NAME AS `Name`, ENGINE AS `Engine`,"
                + " VERSION AS `Version`, ROW_FORMAT AS `Row_format`, TABLE_ROWS AS `Rows`, AVG_ROW_LENGTH AS"
                + " `Avg_row_length`, DATA_LENGTH AS `Data_length`, MAX_DATA_LENGTH AS `Max_data_length`, INDEX_LENGTH"
                + " AS `Index_length`, DATA_FREE AS `Data_free`, AUTO_INCREMENT AS `Auto_increment`, CREATE_TIME AS"
                + " `Create_time`, UPDATE_TIME AS `Update_time`, CHECK_TIME AS `Check_time`, TABLE_COLLATION AS"
                + " `Collation`, CHECKSUM AS `Checksum`, CREATE_OPTIONS AS `Create_options`, TABLE_COMMENT AS `Comment`"
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + io.minisqld.server.engine.SqlLiteral.quote(db) + ") AS show_rows WHERE ");
        io.minisqld.server.sql.statement.SqlSpan condition = condition(st.filter(), "`Name`");
        return engine.query(s, prefix, condition, server.lexer().statement(" ORDER BY `Name`"));
    }

    /**
     * SHOW INDEX: MySQL's 13 columns for the table's indexes, from information_schema.STATISTICS
     * (1146 for a table that does not exist); WHERE may name any column.
     */
    private StatementResult indexes(Session s, ShowStatement.Indexes st) {
        String db = st.database() != null ? st.database() : s.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        TableInfo info = s.engine().describe(db, st.table());
        StatementText prefix = server.lexer().statement("SELECT * FROM (SELECT TABLE_NAME AS `Table`, NON_UNIQUE AS"
                + " `Non_unique`, INDEX_NAME AS `Key_name`, SEQ_IN_INDEX AS `Seq_in_index`, COLUMN_NAME AS `Column_name`,"
                + " COLLATION AS `Collation`, CARDINALITY AS `Cardinality`, SUB_PART AS `Sub_part`, PACKED AS `Packed`,"
                + " NULLABLE AS `Null`, INDEX_TYPE AS `Index_type`, COMMENT AS `Comment`, INDEX_COMMENT AS"
                + " `Index_comment` FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + io.minisqld.server.engine.SqlLiteral.quote(info.database()) + " AND TABLE_NAME = "
                + io.minisqld.server.engine.SqlLiteral.quote(info.name()) + ") AS show_rows WHERE ");
        io.minisqld.server.sql.statement.SqlSpan condition = st.where();
        if (condition == null) {
            StatementText all = server.lexer().statement("TRUE");
            condition = new io.minisqld.server.sql.statement.SqlSpan(all, 0, all.tokens().size(), List.of());
        }
        return engine.query(s, prefix, condition, null);
    }

    private StatementResult columns(Session s, ShowStatement.Columns st) {
        String db = st.database() != null ? st.database() : s.database();
        LikePattern like = st.like() == null ? null : new LikePattern(st.like());
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        TableInfo info = s.engine().describe(db, st.table());
        boolean full = st.full();
        List<Column> cols = new ArrayList<>(List.of(Column.textNotNull("Field"), Column.textNotNull("Type")));
        if (full) cols.add(Column.text("Collation"));
        cols.addAll(List.of(Column.textNotNull("Null"), Column.textNotNull("Key"), Column.text("Default"),
                Column.textNotNull("Extra")));
        if (full) cols.addAll(List.of(Column.textNotNull("Privileges"), Column.textNotNull("Comment")));
        List<List<?>> rows = new ArrayList<>();
        for (TableInfo.ColumnInfo c : info.columns()) {
            if (like != null && !like.matches(c.name())) continue;
            List<Object> row = new ArrayList<>();
            row.add(c.name());
            row.add(c.mysqlType());
            if (full) row.add(collation(c));
            row.add(c.nullable() ? "YES" : "NO");
            row.add(c.key() == null ? "" : c.key());
            row.add(c.defaultValue());
            row.add(c.extra() == null ? "" : c.extra());
            if (full) {
                row.add("select,insert,update,references");
                row.add(c.comment() == null ? "" : c.comment());
            }
            rows.add(row);
        }
        return RowsResult.of(cols, rows);
    }

    /** A column's collation (its set's default; ENUM and SET are utf8mb4's), null for a column of no set. */
    static String collation(TableInfo.ColumnInfo c) {
        if (c.collation() != null) return c.collation();
        return textual(c.mysqlType()) ? "utf8mb4_general_ci" : null;
    }

    private static boolean textual(String type) {
        return type.startsWith("char") || type.startsWith("varchar") || type.contains("text") || type.startsWith("enum")
                || type.startsWith("set");
    }

    private StatementResult createDatabase(String db, boolean ifNotExists) {
        if (!db.equalsIgnoreCase("information_schema") && !server.engine().databaseExists(db)) {
            throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        }
        io.minisqld.server.charset.Collation collation = db.equalsIgnoreCase("information_schema") ? null
                : server.engine().defaultCollation(db);
        // MySQL names the collation where it is not its set's default
        String charset = collation == null ? "utf8" : collation.charset().mysqlName()
                + (collation.setDefault() ? "" : " COLLATE " + collation.name());
        return RowsResult.of(List.of(Column.textNotNull("Database"), Column.textNotNull("Create Database")),
                List.of(List.of(db, "CREATE DATABASE " + (ifNotExists ? "/*!32312 IF NOT EXISTS*/ " : "") + "`"
                        + db.replace("`", "``")
                        + "` /*!40100 DEFAULT CHARACTER SET " + charset + " */")));
    }

    private StatementResult createTable(Session s, ShowStatement.CreateTable st) {
        String db = st.database() != null ? st.database() : s.database();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        boolean checked = !db.equalsIgnoreCase("information_schema");
        // SHOW CREATE VIEW needs SELECT on the view, SHOW CREATE TABLE any table privilege ("SHOW" in
        // 1142), and a view's definition SHOW VIEW too (MySQL 5.7's SQLCOM_SHOW_CREATE)
        if (checked && !(st.view() ? server.accounts().has(s.account(), Privilege.SELECT, db, st.table())
                : anyTablePrivilege(s, db, st.table()))) {
            throw ErrorCode.ER_TABLEACCESS_DENIED_ERROR.error("SHOW", s.user(), s.account().clientHost(), st.table());
        }
        TableInfo info = s.engine().describe(db, st.table());
        if (checked && info.view() && !server.accounts().has(s.account(), Privilege.SHOW_VIEW, db, st.table())) {
            throw AccessDenied.table(s, Privilege.SHOW_VIEW, st.table());
        }
        if (info.view()) {
            // MySQL adds the character set the definition is in; the server keeps it as Unicode
            // text, which utf8mb4 carries whole (dump tools SET character_set_client to it)
            return RowsResult.of(List.of(Column.textNotNull("View"), Column.textNotNull("Create View"),
                            Column.textNotNull("character_set_client"), Column.textNotNull("collation_connection")),
                    List.of(List.of(info.name(), info.createStatement(), "utf8mb4", "utf8mb4_general_ci")));
        }
        return RowsResult.of(List.of(Column.textNotNull("Table"), Column.textNotNull("Create Table")),
                List.of(List.of(info.name(), withCounter(s, db, info))));
    }

    /**
     * A table's CREATE TABLE with its AUTO_INCREMENT counter as MySQL shows it ({@code ENGINE=InnoDB
     * AUTO_INCREMENT=101 …}) once the counter is past 1: a dump then starts the restored table's
     * counter where this one stands.
     */
    private String withCounter(Session s, String db, TableInfo info) {
        String create = info.createStatement();
        for (TableInfo.ColumnInfo c : info.columns()) {
            if (!"auto_increment".equals(c.extra())) continue;
            long next = EngineStatements.counters(server, s, db, info.name()).nextValue(db, info.name(), c.name());
            String engine = "\n) ENGINE=InnoDB";
            int at = create.lastIndexOf(engine);
            if (next > 1 && at >= 0) {
                at += engine.length();
                create = create.substring(0, at) + " AUTO_INCREMENT=" + next + create.substring(at);
            }
        }
        return create;
    }

    private boolean anyTablePrivilege(Session s, String db, String table) {
        for (Privilege p : Privilege.values()) {
            if (p.tableLevel() && server.accounts().has(s.account(), p, db, table)) return true;
        }
        return false;
    }

    private StatementResult warnings(Session s, ShowStatement.Warnings st) {
        List<Column> cols = List.of(Column.textNotNull("Level"),
                new Column("", "", "", "Code", "", Column.BINARY_CHARSET, 4, ColumnType.LONG,
                        Column.NOT_NULL | Column.UNSIGNED | Column.NUM | Column.BINARY, 0),
                Column.textNotNull("Message"));
        List<List<?>> rows = new ArrayList<>();
        long i = 0;
        for (Warning w : s.warnings()) {
            if (st.errorsOnly() && !w.level().equals("Error")) continue;
            if (i++ < st.offset()) continue;
            if (rows.size() >= st.limit()) break;
            rows.add(List.of(w.level(), (long) w.code(), w.message()));
        }
        return RowsResult.of(cols, rows);
    }

    private StatementResult warningCount(Session s, boolean errors) {
        long n = s.warnings().stream().filter(w -> !errors || w.level().equals("Error")).count();
        String label = errors ? "@@session.error_count" : "@@session.warning_count";
        return RowsResult.of(List.of(Column.bigint(label)), List.of(List.of(n)));
    }

    private StatementResult processlist(Session s, boolean full) {
        List<Column> cols = List.of(Column.bigint("Id").withName("Id"), Column.textNotNull("User"),
                Column.textNotNull("Host"), Column.text("db"), Column.textNotNull("Command"), Column.bigint("Time"),
                Column.text("State"), Column.text("Info"));
        boolean all = server.accounts().hasGlobal(s.account(), Privilege.PROCESS);
        List<List<?>> rows = new ArrayList<>();
        for (Session other : server.sessions().all()) {
            if (!all && !other.user().equals(s.user())) continue;
            String info = other.info();
            if (!full && info != null && info.length() > 100) info = info.substring(0, 100);
            rows.add(Arrays.asList(other.id(), other.user(), other.host(), other.database(), other.command(),
                    other.secondsInCommand(), other.state(), info));
        }
        return RowsResult.of(cols, rows);
    }

    /**
     * SHOW PRIVILEGES: the privileges this server grants and checks, each with MySQL 5.7's context
     * and comment, in MySQL's order (PROXY, which the server has not, left out).
     */
    private static StatementResult privileges() {
        String[][] all = {
            {"Alter", "Tables", "To alter the table"},
            {"Alter routine", "Functions,Procedures", "To alter or drop stored functions/procedures"},
            {"Create", "Databases,Tables,Indexes", "To create new databases and tables"},
            {"Create routine", "Databases", "To use CREATE FUNCTION/PROCEDURE"},
            {"Create temporary tables", "Databases", "To use CREATE TEMPORARY TABLE"},
            {"Create view", "Tables", "To create new views"},
            {"Create user", "Server Admin", "To create new users"},
            {"Delete", "Tables", "To delete existing rows"},
            {"Drop", "Databases,Tables", "To drop databases, tables, and views"},
            {"Event", "Server Admin", "To create, alter, drop and execute events"},
            {"Execute", "Functions,Procedures", "To execute stored routines"},
            {"File", "File access on server", "To read and write files on the server"},
            {"Grant option", "Databases,Tables,Functions,Procedures", "To give to other users those privileges you possess"},
            {"Index", "Tables", "To create or drop indexes"},
            {"Insert", "Tables", "To insert data into tables"},
            {"Lock tables", "Databases", "To use LOCK TABLES (together with SELECT privilege)"},
            {"Process", "Server Admin", "To view the plain text of currently executing queries"},
            {"References", "Databases,Tables", "To have references on tables"},
            {"Reload", "Server Admin", "To reload or refresh tables, logs and privileges"},
            {"Replication client", "Server Admin", "To ask where the slave or master servers are"},
            {"Replication slave", "Server Admin", "To read binary log events from the master"},
            {"Select", "Tables", "To retrieve rows from table"},
            {"Show databases", "Server Admin", "To see all databases with SHOW DATABASES"},
            {"Show view", "Tables", "To see views with SHOW CREATE VIEW"},
            {"Shutdown", "Server Admin", "To shut down the server"},
            {"Super", "Server Admin", "To use KILL thread, SET GLOBAL, CHANGE MASTER, etc."},
            {"Trigger", "Tables", "To use triggers"},
            {"Create tablespace", "Server Admin", "To create/alter/drop tablespaces"},
            {"Update", "Tables", "To update existing rows"},
            {"Usage", "Server Admin", "No privileges - allow connect only"},
        };
        List<List<String>> rows = new ArrayList<>();
        for (String[] p : all) rows.add(List.of(p));
        return RowsResult.of(List.of(Column.textNotNull("Privilege"), Column.textNotNull("Context"),
                Column.textNotNull("Comment")), rows);
    }

    private static StatementResult engines() {
        List<Column> cols = List.of(Column.textNotNull("Engine"), Column.textNotNull("Support"),
                Column.textNotNull("Comment"), Column.text("Transactions"), Column.text("XA"), Column.text("Savepoints"));
        return RowsResult.of(cols, List.of(List.of("InnoDB", "DEFAULT",
                "Supports transactions, row-level locking, and foreign keys", "YES", "NO", "YES")));
    }

    /**
     * SHOW OPEN TABLES [FROM db] [LIKE 'p' | WHERE cond]: Database, Table, In_use, Name_locked. The
     * engine keeps every base table open, so each one the account may see is listed (of one
     * database with FROM, ordered by database and name); In_use counts the sessions holding it by
     * LOCK TABLES.
     */
    private StatementResult openTables(Session s, ShowStatement.OpenTables st) {
        if (st.database() != null && !server.engine().databaseExists(st.database())) {
            throw ErrorCode.ER_BAD_DB_ERROR.error(st.database());
        }
        LikePattern like = st.filter().like() == null ? null : new LikePattern(st.filter().like());
        List<Column> cols = List.of(Column.textNotNull("Database"), Column.textNotNull("Table"),
                Column.bigint("In_use").withName("In_use"), Column.bigint("Name_locked").withName("Name_locked"));
        List<List<?>> rows = new ArrayList<>();
        for (String db : st.database() != null ? List.of(st.database()) : server.engine().databases()) {
            if (!server.accounts().canUseDatabase(s.account(), db)) continue;
            boolean allTables = anyTablePrivilege(s, db, null);
            for (TableInfo t : s.engine().tables(db)) {
                if (t.view() || like != null && !like.matches(t.name())) continue;
                if (!allTables && !anyTablePrivilege(s, db, t.name())) continue;
                rows.add(Arrays.asList(db, t.name(), (long) locks.lockHolders(db, t.name()), 0L));
            }
        }
        if (st.filter().where() != null) return where(s, cols, rows, st.filter().where());
        return RowsResult.of(cols, rows);
    }

    /**
     * SHOW ENGINE INNODB STATUS | MUTEX (PROCESS privilege): one row, Type InnoDB, Name empty, the
     * monitor's text ({@link InnodbMonitor}); MUTEX has no rows (the engine keeps no such counts).
     * Another engine's name is 1286: InnoDB is the only one this server has.
     */
    private StatementResult engineStatus(Session s, ShowStatement.EngineStatus st) {
        if (!server.accounts().hasGlobal(s.account(), Privilege.PROCESS)) {
            throw ErrorCode.ER_SPECIFIC_ACCESS_DENIED_ERROR.error(Privilege.PROCESS.grantName());
        }
        if (!StorageEngines.INNODB.equals(StorageEngines.mysqlName(st.engine()))) {
            throw ErrorCode.ER_UNKNOWN_STORAGE_ENGINE.error(st.engine());
        }
        List<Column> cols = List.of(Column.textNotNull("Type"), Column.textNotNull("Name"), Column.textNotNull("Status"));
        if (st.mutex()) return RowsResult.of(cols, List.of());
        String text = InnodbMonitor.text(java.time.LocalDateTime.now(), server.engine().latestDeadlock(),
                server.sessions().all());
        return RowsResult.of(cols, List.of(List.of(StorageEngines.INNODB, "", text)));
    }
}
