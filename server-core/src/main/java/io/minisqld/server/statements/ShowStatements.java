package io.minisqld.server.statements;

import io.minisqld.server.auth.Privilege;
import io.minisqld.server.engine.TableInfo;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.result.Column;
import io.minisqld.server.result.RowsResult;
import io.minisqld.server.result.StatementResult;
import io.minisqld.server.session.Session;
import io.minisqld.server.session.Warning;
import io.minisqld.server.sql.LikePattern;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The SHOW statements the server answers itself, with MySQL 5.7's columns. */
final class ShowStatements {
    private final ServerContext server;
    private final StatementExecutor executor;

    ShowStatements(ServerContext server, StatementExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    StatementResult execute(Session s, Parser p) {
        p.expect("SHOW");
        boolean global = false;
        if (p.accept("GLOBAL")) {
            global = true;
        } else if (p.accept("SESSION") || p.accept("LOCAL")) {
            global = false;
        }
        boolean full = p.accept("FULL");
        Token what = p.next();
        String kw = what.type() == TokenType.WORD ? what.upper() : "";
        switch (kw) {
            case "VARIABLES" -> {
                count(s, "Com_show_variables");
                return nameValue(s, p, "VARIABLES", global,
                        server.variables().show(global ? null : s.variables()));
            }
            case "STATUS" -> {
                count(s, "Com_show_status");
                return nameValue(s, p, "STATUS", global, server.status().show(global ? null : s.status()));
            }
            case "DATABASES", "SCHEMAS" -> {
                count(s, "Com_show_databases");
                LikePattern like = like(p);
                p.expectEnd();
                List<List<?>> rows = new ArrayList<>();
                for (String db : databases()) {
                    if (like == null || like.matches(db)) rows.add(List.of(db));
                }
                String label = like == null ? "Database" : "Database (" + likeText + ")";
                return RowsResult.of(List.of(Column.textNotNull(label)), rows);
            }
            case "TABLES" -> {
                count(s, "Com_show_tables");
                return tables(s, p, full);
            }
            case "COLUMNS", "FIELDS" -> {
                count(s, "Com_show_fields");
                return columns(s, p, full);
            }
            case "CREATE" -> {
                return showCreate(s, p);
            }
            case "WARNINGS", "ERRORS" -> {
                count(s, kw.equals("WARNINGS") ? "Com_show_warnings" : "Com_show_errors");
                return warnings(s, p, kw.equals("ERRORS"));
            }
            case "COUNT" -> {
                // SHOW COUNT(*) WARNINGS | ERRORS
                p.expectSymbol("(");
                p.expectSymbol("*");
                p.expectSymbol(")");
                boolean errors = p.accept("ERRORS");
                if (!errors) p.expect("WARNINGS");
                p.expectEnd();
                long n = s.warnings().stream().filter(w -> !errors || w.level().equals("Error")).count();
                String label = errors ? "@@session.error_count" : "@@session.warning_count";
                return RowsResult.of(List.of(Column.bigint(label)), List.of(List.of(n)));
            }
            case "PROCESSLIST" -> {
                count(s, "Com_show_processlist");
                p.expectEnd();
                return processlist(s, full);
            }
            case "ENGINES" -> {
                p.expectEnd();
                List<Column> cols = List.of(Column.textNotNull("Engine"), Column.textNotNull("Support"),
                        Column.textNotNull("Comment"), Column.text("Transactions"), Column.text("XA"), Column.text("Savepoints"));
                return RowsResult.of(cols, List.of(List.of("InnoDB", "DEFAULT",
                        "Supports transactions, row-level locking, and foreign keys", "YES", "NO", "YES")));
            }
            default -> throw p.syntaxError();
        }
    }

    private String likeText;

    private LikePattern like(Parser p) {
        likeText = null;
        if (p.accept("LIKE")) {
            Token t = p.next();
            if (t.type() != TokenType.STRING) throw p.syntaxError();
            likeText = t.value();
            return new LikePattern(t.value());
        }
        return null;
    }

    private void count(Session s, String counter) {
        server.status().count(s.status(), counter, 1);
    }

    List<String> databases() {
        List<String> dbs = new ArrayList<>();
        dbs.add("information_schema");
        dbs.addAll(server.engine().databases());
        return dbs;
    }

    /** SHOW VARIABLES / STATUS [LIKE 'p' | WHERE cond]: Variable_name, Value. */
    private StatementResult nameValue(Session s, Parser p, String kind, boolean global,
                                      List<Map.Entry<String, String>> entries) {
        List<Column> cols = List.of(Column.textNotNull("Variable_name"), Column.text("Value"));
        if (p.accept("WHERE")) {
            // the condition names the SHOW columns; let the engine evaluate it over our rows
            String cond = p.rest();
            String table = "information_schema." + (global ? "GLOBAL_" : "SESSION_") + kind;
            String sql = "SELECT * FROM (SELECT LOWER(VARIABLE_NAME) AS Variable_name, VARIABLE_VALUE AS Value FROM "
                    + table + ") AS show_rows WHERE " + cond + " ORDER BY Variable_name";
            if (kind.equals("STATUS")) {
                sql = "SELECT * FROM (SELECT VARIABLE_NAME AS Variable_name, VARIABLE_VALUE AS Value FROM "
                        + table + ") AS show_rows WHERE " + cond + " ORDER BY Variable_name";
            }
            RowsResult r = executor.queryInternal(s, sql);
            if (kind.equals("STATUS")) {
                // information_schema has upper-case names; SHOW STATUS shows MySQL's spelling
                List<List<?>> rows = new ArrayList<>();
                Map<String, String> spelled = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                for (Map.Entry<String, String> e : entries) spelled.put(e.getKey(), e.getKey());
                for (int i = 0; i < r.rows().size(); i++) {
                    String n = r.text(i, 0);
                    rows.add(java.util.Arrays.asList(spelled.getOrDefault(n, n), r.text(i, 1)));
                }
                return RowsResult.of(cols, rows);
            }
            return new RowsResult(cols, r.rows());
        }
        LikePattern like = like(p);
        p.expectEnd();
        List<List<?>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            if (like == null || like.matches(e.getKey())) rows.add(java.util.Arrays.asList(e.getKey(), e.getValue()));
        }
        return RowsResult.of(cols, rows);
    }

    private StatementResult tables(Session s, Parser p, boolean full) {
        String db = s.database();
        if (p.accept("FROM") || p.accept("IN")) db = p.identifier();
        LikePattern like = like(p);
        String where = p.accept("WHERE") ? p.rest() : null;
        if (where == null) p.expectEnd();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        if (!server.engine().databaseExists(db)) throw ErrorCode.ER_BAD_DB_ERROR.error(db);
        String label = "Tables_in_" + db + (like == null ? "" : " (" + likeText + ")");
        List<Column> cols = new ArrayList<>();
        cols.add(Column.textNotNull(label));
        if (full) cols.add(Column.textNotNull("Table_type"));
        List<List<?>> rows = new ArrayList<>();
        for (TableInfo t : s.engine().tables(db)) {
            if (like != null && !like.matches(t.name())) continue;
            rows.add(full ? List.of(t.name(), t.view() ? "VIEW" : "BASE TABLE") : List.of(t.name()));
        }
        return RowsResult.of(cols, rows);
    }

    private StatementResult columns(Session s, Parser p, boolean full) {
        if (!p.accept("FROM")) p.expect("IN");
        String db = s.database();
        String table = p.identifier();
        if (p.acceptSymbol(".")) {
            db = table;
            table = p.identifier();
        }
        if (p.accept("FROM") || p.accept("IN")) db = p.identifier();
        LikePattern like = like(p);
        p.expectEnd();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        TableInfo info = s.engine().describe(db, table);
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
            if (full) row.add(textual(c.mysqlType()) ? "utf8mb4_general_ci" : null);
            row.add(c.nullable() ? "YES" : "NO");
            row.add(c.key() == null ? "" : c.key());
            row.add(c.defaultValue());
            row.add(c.extra() == null ? "" : c.extra());
            if (full) {
                row.add("select,insert,update,references");
                row.add("");
            }
            rows.add(row);
        }
        return RowsResult.of(cols, rows);
    }

    private static boolean textual(String type) {
        return type.startsWith("char") || type.startsWith("varchar") || type.contains("text") || type.startsWith("enum")
                || type.startsWith("set");
    }

    private StatementResult showCreate(Session s, Parser p) {
        if (p.accept("DATABASE") || p.accept("SCHEMA")) {
            p.accept("IF");
            if (p.peek() != null && p.peek().is("NOT")) {
                p.next();
                p.expect("EXISTS");
            }
            String db = p.identifier();
            p.expectEnd();
            if (!db.equalsIgnoreCase("information_schema") && !server.engine().databaseExists(db)) {
                throw ErrorCode.ER_BAD_DB_ERROR.error(db);
            }
            return RowsResult.of(List.of(Column.textNotNull("Database"), Column.textNotNull("Create Database")),
                    List.of(List.of(db, "CREATE DATABASE `" + db.replace("`", "``")
                            + "` /*!40100 DEFAULT CHARACTER SET utf8mb4 */")));
        }
        boolean view = p.accept("VIEW");
        if (!view) p.expect("TABLE");
        count(s, "Com_show_create_table");
        String db = s.database();
        String table = p.identifier();
        if (p.acceptSymbol(".")) {
            db = table;
            table = p.identifier();
        }
        p.expectEnd();
        if (db == null) throw ErrorCode.ER_NO_DB_ERROR.error();
        TableInfo info = s.engine().describe(db, table);
        return RowsResult.of(List.of(Column.textNotNull(info.view() ? "View" : "Table"),
                        Column.textNotNull(info.view() ? "Create View" : "Create Table")),
                List.of(List.of(info.name(), info.createStatement())));
    }

    private StatementResult warnings(Session s, Parser p, boolean errorsOnly) {
        long offset = 0;
        long limit = Long.MAX_VALUE;
        if (p.accept("LIMIT")) {
            limit = Long.parseLong(p.next().text());
            if (p.acceptSymbol(",")) {
                offset = limit;
                limit = Long.parseLong(p.next().text());
            }
        }
        p.expectEnd();
        List<Column> cols = List.of(Column.textNotNull("Level"),
                new Column("", "", "", "Code", "", Column.BINARY_CHARSET, 4, io.minisqld.server.result.ColumnType.LONG,
                        Column.NOT_NULL | Column.UNSIGNED | Column.NUM | Column.BINARY, 0),
                Column.textNotNull("Message"));
        List<List<?>> rows = new ArrayList<>();
        long i = 0;
        for (Warning w : s.warnings()) {
            if (errorsOnly && !w.level().equals("Error")) continue;
            if (i++ < offset) continue;
            if (rows.size() >= limit) break;
            rows.add(List.of(w.level(), (long) w.code(), w.message()));
        }
        return RowsResult.of(cols, rows);
    }

    private StatementResult processlist(Session s, boolean full) {
        List<Column> cols = List.of(Column.bigint("Id").withName("Id"), Column.textNotNull("User"),
                Column.textNotNull("Host"), Column.text("db"), Column.textNotNull("Command"), Column.bigint("Time"),
                Column.text("State"), Column.text("Info"));
        boolean all = server.accounts().hasGlobal(s.account(), Privilege.PROCESS);
        List<List<?>> rows = new ArrayList<>();
        for (List<Object> row : processRows(s, all)) {
            String info = (String) row.get(7);
            if (!full && info != null && info.length() > 100) row.set(7, info.substring(0, 100));
            rows.add(row);
        }
        return RowsResult.of(cols, rows);
    }

    /** Id, User, Host, db, Command, Time, State, Info for each session {@code viewer} may see. */
    List<List<Object>> processRows(Session viewer, boolean all) {
        List<List<Object>> rows = new ArrayList<>();
        for (Session other : server.sessions().all()) {
            if (!all && !other.user().equals(viewer.user())) continue;
            List<Object> row = new ArrayList<>();
            row.add(other.id());
            row.add(other.user());
            row.add(other.host());
            row.add(other.database());
            row.add(other.command());
            row.add(other.secondsInCommand());
            row.add(other.state());
            row.add(other.info());
            rows.add(row);
        }
        return rows;
    }
}
