package io.minisqld.server.sql.statement;

import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenCursor;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.sql.statement.ShowStatement.Filter;
import java.util.List;

/** The SHOW statements the server answers (SHOW GRANTS, PLUGINS and SLAVE STATUS have their own parsers). */
final class ShowParser {
    private ShowParser() {
    }

    static Statement parse(StatementText text) {
        TokenCursor c = text.cursor();
        c.expect("SHOW");
        if (c.acceptAll("MASTER", "STATUS") || c.acceptAll("BINARY", "LOG", "STATUS")) {
            c.expectEnd();
            return new BinlogStatement.ShowMasterStatus();
        }
        if (c.acceptAll("BINARY", "LOGS") || c.acceptAll("MASTER", "LOGS")) {
            c.expectEnd();
            return new BinlogStatement.ShowBinaryLogs();
        }
        if (c.acceptAll("SLAVE", "HOSTS") || c.acceptAll("REPLICA", "HOSTS")) {
            c.expectEnd();
            return new BinlogStatement.ShowSlaveHosts();
        }
        if (c.acceptAll("BINLOG", "EVENTS")) return binlogEvents(c);
        boolean global = false;
        if (c.accept("GLOBAL")) global = true;
        else if (!c.accept("SESSION")) c.accept("LOCAL");
        boolean full = c.accept("FULL");
        Token what = c.next();
        switch (what.type() == TokenType.WORD ? what.upper() : "") {
            case "VARIABLES" -> {
                return new ShowStatement.Variables(global, filter(c));
            }
            case "STATUS" -> {
                return new ShowStatement.Status(global, filter(c));
            }
            case "DATABASES", "SCHEMAS" -> {
                String like = like(c);
                c.expectEnd();
                return new ShowStatement.Databases(like);
            }
            case "INDEX", "INDEXES", "KEYS" -> {
                String[] dbTable = fromTable(c);
                String db = dbTable[0];
                String table = dbTable[1];
                SqlSpan where = null;
                if (c.accept("WHERE")) {
                    if (c.atEnd()) throw c.syntaxError();
                    where = Spans.of(c.text(), c.position(), c.text().significant().size());
                } else {
                    c.expectEnd();
                }
                return new ShowStatement.Indexes(db, table, where);
            }
            case "PROCEDURE", "FUNCTION" -> {
                c.expect("STATUS");
                return new ShowStatement.RoutineStatus(what.is("FUNCTION"), filter(c));
            }
            case "TABLE" -> {
                c.expect("STATUS");
                String db = c.accept("FROM") || c.accept("IN") ? c.identifier() : null;
                return new ShowStatement.TableStatus(db, filter(c));
            }
            case "TRIGGERS" -> {
                String db = c.accept("FROM") || c.accept("IN") ? c.identifier() : null;
                return new ShowStatement.Triggers(db, filter(c));
            }
            case "TABLES" -> {
                String db = c.accept("FROM") || c.accept("IN") ? c.identifier() : null;
                return new ShowStatement.Tables(full, db, filter(c));
            }
            case "COLUMNS", "FIELDS" -> {
                String[] dbTable = fromTable(c);
                String db = dbTable[0];
                String table = dbTable[1];
                String like = like(c);
                c.expectEnd();
                return new ShowStatement.Columns(full, db, table, like);
            }
            case "CREATE" -> {
                return showCreate(c);
            }
            case "WARNINGS", "ERRORS" -> {
                long[] limit = limit(c);
                c.expectEnd();
                return new ShowStatement.Warnings(what.is("ERRORS"), limit[0], limit[1]);
            }
            case "COUNT" -> {
                c.expectSymbol("(");
                c.expectSymbol("*");
                c.expectSymbol(")");
                boolean errors = c.accept("ERRORS");
                if (!errors) c.expect("WARNINGS");
                c.expectEnd();
                return new ShowStatement.WarningCount(errors);
            }
            case "PROCESSLIST" -> {
                c.expectEnd();
                return new ShowStatement.Processlist(full);
            }
            case "OPEN" -> {
                c.expect("TABLES");
                String db = c.accept("FROM") || c.accept("IN") ? c.identifier() : null;
                return new ShowStatement.OpenTables(db, filter(c));
            }
            case "ENGINE" -> {
                Token engine = c.next();
                if (!engine.isIdentifier()) throw c.syntaxErrorAt(engine);
                boolean mutex = c.accept("MUTEX");
                if (!mutex) c.expect("STATUS");
                c.expectEnd();
                return new ShowStatement.EngineStatus(engine.value(), mutex);
            }
            case "ENGINES" -> {
                c.expectEnd();
                return new ShowStatement.Engines();
            }
            case "PRIVILEGES" -> {
                c.expectEnd();
                return new ShowStatement.Privileges();
            }
            case "COLLATION" -> {
                return new ShowStatement.Collations(filter(c));
            }
            case "CHARACTER", "CHARSET" -> {
                if (what.is("CHARACTER")) c.expect("SET");
                return new ShowStatement.CharacterSets(filter(c));
            }
            default -> throw c.syntaxErrorAt(what);
        }
    }

    private static Statement showCreate(TokenCursor c) {
        if (c.accept("DATABASE") || c.accept("SCHEMA")) {
            boolean ifNotExists = c.accept("IF");
            if (ifNotExists) {
                c.expect("NOT");
                c.expect("EXISTS");
            }
            String db = c.identifier();
            c.expectEnd();
            return new ShowStatement.CreateDatabase(db, ifNotExists);
        }
        if (c.accept("TRIGGER")) {
            String first = c.identifier();
            String db = null;
            String name = first;
            if (c.acceptSymbol(".")) {
                db = first;
                name = c.identifier();
            }
            c.expectEnd();
            return new ShowStatement.CreateTrigger(db, name);
        }
        boolean view = c.accept("VIEW");
        if (!view) c.expect("TABLE");
        String db = null;
        String table = c.identifier();
        if (c.acceptSymbol(".")) {
            db = table;
            table = c.identifier();
        }
        c.expectEnd();
        return new ShowStatement.CreateTable(db, table, view);
    }

    /** [LIKE 'pattern' | WHERE condition] to the end of the statement. */
    /** FROM | IN [db.]t [FROM | IN db]: {database or null, table}. */
    private static String[] fromTable(TokenCursor c) {
        if (!c.accept("FROM")) c.expect("IN");
        String db = null;
        String table = c.identifier();
        if (c.acceptSymbol(".")) {
            db = table;
            table = c.identifier();
        }
        if (c.accept("FROM") || c.accept("IN")) db = c.identifier();
        return new String[] {db, table};
    }

    /** True for DESC | DESCRIBE | EXPLAIN of a table (not of a statement). */
    static boolean isDescribe(List<Token> t) {
        if (t.size() < 2 || !(t.get(0).is("DESC") || t.get(0).is("DESCRIBE") || t.get(0).is("EXPLAIN"))) return false;
        Token second = t.get(1);
        return second.isIdentifier() && !(second.is("SELECT") || second.is("INSERT") || second.is("UPDATE")
                || second.is("DELETE") || second.is("REPLACE") || second.is("EXTENDED") || second.is("PARTITIONS")
                || second.is("FORMAT") || second.is("WITH"));
    }

    /** DESC | DESCRIBE | EXPLAIN [db.]t [column | 'wild']: SHOW COLUMNS of the table. */
    static ShowStatement.Columns describe(StatementText text) {
        TokenCursor c = text.cursor();
        c.next();
        String db = null;
        String table = c.identifier();
        if (c.acceptSymbol(".")) {
            db = table;
            table = c.identifier();
        }
        String like = c.atEnd() ? null : c.stringOrIdentifier();
        c.expectEnd();
        return new ShowStatement.Columns(false, db, table, like);
    }

    private static Filter filter(TokenCursor c) {
        if (c.accept("WHERE")) {
            if (c.atEnd()) throw c.syntaxError();
            return new Filter(null, Spans.of(c.text(), c.position(), c.text().significant().size()));
        }
        String like = like(c);
        c.expectEnd();
        return like == null ? Filter.NONE : new Filter(like, null);
    }

    private static String like(TokenCursor c) {
        return c.accept("LIKE") ? c.string() : null;
    }

    private static BinlogStatement.ShowBinlogEvents binlogEvents(TokenCursor c) {
        String file = c.accept("IN") ? c.string() : null;
        long from = c.accept("FROM") ? c.number(0, Long.MAX_VALUE) : 4;
        long[] limit = limit(c);
        c.expectEnd();
        return new BinlogStatement.ShowBinlogEvents(file, from, limit[0], limit[1]);
    }

    /** [LIMIT [offset,] count]: {offset, count}, {0, Long.MAX_VALUE} when absent. */
    private static long[] limit(TokenCursor c) {
        if (!c.accept("LIMIT")) return new long[] {0, Long.MAX_VALUE};
        long first = c.number(0, Long.MAX_VALUE);
        if (!c.acceptSymbol(",")) return new long[] {0, first};
        return new long[] {first, c.number(0, Long.MAX_VALUE)};
    }
}
