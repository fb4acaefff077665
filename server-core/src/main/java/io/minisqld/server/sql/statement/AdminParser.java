package io.minisqld.server.sql.statement;

import io.minisqld.server.charset.Collation;
import io.minisqld.server.charset.MysqlCharset;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenCursor;
import io.minisqld.server.sql.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * USE, BEGIN / START TRANSACTION / COMMIT / ROLLBACK, KILL, FLUSH, SHUTDOWN, CREATE / DROP
 * DATABASE, RESET MASTER and PURGE BINARY LOGS.
 */
final class AdminParser {
    private AdminParser() {
    }

    /** The items GET DIAGNOSTICS reads: a statement's, a condition's. */
    private static final java.util.Set<String> STATEMENT_ITEMS = java.util.Set.of("NUMBER", "ROW_COUNT");
    private static final java.util.Set<String> CONDITION_ITEMS = java.util.Set.of("MESSAGE_TEXT", "MYSQL_ERRNO",
            "RETURNED_SQLSTATE", "CLASS_ORIGIN", "SUBCLASS_ORIGIN", "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA",
            "CONSTRAINT_NAME", "CATALOG_NAME", "SCHEMA_NAME", "TABLE_NAME", "COLUMN_NAME", "CURSOR_NAME");

    /** GET [CURRENT] DIAGNOSTICS … outside a stored program, into user variables. */
    static Statement getDiagnostics(StatementText text) {
        TokenCursor c = text.cursor();
        c.expect("GET");
        c.accept("CURRENT");
        c.expect("DIAGNOSTICS");
        Long condition = null;
        if (c.accept("CONDITION")) {
            Token n = c.next();
            if (n.type() != TokenType.NUMBER || !n.text().chars().allMatch(Character::isDigit)) throw c.syntaxErrorAt(n);
            condition = Long.parseLong(n.text());
        }
        java.util.Set<String> known = condition == null ? STATEMENT_ITEMS : CONDITION_ITEMS;
        java.util.List<String[]> targets = new java.util.ArrayList<>();
        do {
            Token target = c.next();
            // a local variable exists only inside a stored program
            if (target.type() != TokenType.USER_VAR) throw c.syntaxErrorAt(target);
            c.expectSymbol("=");
            Token item = c.next();
            if (!known.contains(item.upper())) throw c.syntaxErrorAt(item);
            targets.add(new String[] {target.text().substring(1), item.upper()});
        } while (c.acceptSymbol(","));
        c.expectEnd();
        return new AdminStatement.GetDiagnostics(condition, targets);
    }

    static Statement parse(StatementText text) {
        TokenCursor c = text.cursor();
        Token first = c.next();
        switch (first.upper()) {
            case "USE" -> {
                String db = c.identifier();
                c.expectEnd();
                return new AdminStatement.Use(db);
            }
            case "BEGIN", "COMMIT", "ROLLBACK" -> {
                c.accept("WORK");
                Boolean chain = null;
                if (!first.is("BEGIN")) {
                    if (c.accept("AND")) {
                        chain = !c.accept("NO");
                        c.expect("CHAIN");
                    }
                    if (c.accept("NO")) {
                        c.expect("RELEASE");
                    } else if (c.accept("RELEASE")) {
                        // the connection would end after the reply: not done here, so refused, not ignored
                        throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error(first.upper() + " … RELEASE");
                    }
                }
                c.expectEnd();
                if (first.is("COMMIT")) return new TransactionStatement.Commit(chain);
                return first.is("BEGIN") ? new TransactionStatement.Begin(null, false) : new TransactionStatement.Rollback(chain);
            }
            case "START" -> {
                c.expect("TRANSACTION");
                return startTransaction(c);
            }
            case "KILL" -> {
                boolean connection = true;
                if (c.accept("QUERY")) connection = false;
                else c.accept("CONNECTION");
                Token id = c.peek();
                if (id == null || id.type() != TokenType.NUMBER) throw c.syntaxError();
                c.next();
                c.expectEnd();
                return new AdminStatement.Kill(Long.parseLong(id.text()), connection);
            }
            case "FLUSH" -> {
                return flush(c);
            }
            case "LOCK" -> {
                return lockTables(c);
            }
            case "UNLOCK" -> {
                if (!c.accept("TABLES")) c.expect("TABLE");
                c.expectEnd();
                return new AdminStatement.UnlockTables();
            }
            case "SHUTDOWN" -> {
                c.expectEnd();
                return new AdminStatement.Shutdown();
            }
            case "BINLOG" -> {
                String events = c.string();
                c.expectEnd();
                return new AdminStatement.BinlogEvents(events);
            }
            case "CREATE", "DROP" -> {
                c.next();
                boolean conditional = false;
                if (c.accept("IF")) {
                    if (first.is("CREATE")) c.expect("NOT");
                    c.expect("EXISTS");
                    conditional = true;
                }
                String name = c.identifier();
                if (first.is("DROP")) return new AdminStatement.DropDatabase(name, conditional);
                return new AdminStatement.CreateDatabase(name, conditional, databaseCollation(c));
            }
            case "RESET" -> {
                c.expect("MASTER");
                c.expectEnd();
                return new BinlogStatement.ResetMaster();
            }
            case "PURGE" -> {
                if (!c.accept("BINARY")) c.expect("MASTER");
                c.expect("LOGS");
                if (c.accept("TO")) {
                    String file = c.string();
                    c.expectEnd();
                    return new BinlogStatement.PurgeTo(file);
                }
                c.expect("BEFORE");
                String when = c.string();
                c.expectEnd();
                return new BinlogStatement.PurgeBefore(when);
            }
            default -> throw c.syntaxErrorAt(first);
        }
    }

    /**
     * CREATE DATABASE's options, {@code [DEFAULT] CHARACTER SET [=] cs} and {@code [DEFAULT] COLLATE
     * [=] collation}: the collation they name, kept as its set's default one or, for one that
     * tells case, its set's {@code _bin} one; a set's default for a set alone; null for none; 1115,
     * 1273, 1235 for a set or collation unknown or not spoken here, 1253 for a collation of another set.
     */
    private static Collation databaseCollation(TokenCursor c) {
        MysqlCharset set = null;
        String collation = null;
        while (!c.atEnd()) {
            c.accept("DEFAULT");
            if (c.accept("COLLATE")) {
                c.acceptSymbol("=");
                collation = c.stringOrIdentifier();
                continue;
            }
            if (!c.accept("CHARSET")) {
                c.expect("CHARACTER");
                c.expect("SET");
            }
            c.acceptSymbol("=");
            set = MysqlCharset.require(c.stringOrIdentifier());
        }
        if (collation != null) {
            MysqlCharset ofCollation = Collation.charsetOf(collation);
            if (set != null && set != ofCollation) {
                throw ErrorCode.ER_COLLATION_CHARSET_MISMATCH.error(collation, set.mysqlName());
            }
            set = ofCollation;
        }
        if (set == MysqlCharset.BINARY) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("character set 'binary' for a database");
        if (set == null) return null;
        return collation != null && Collation.caseSensitive(collation) ? Collation.bin(set) : Collation.of(set);
    }

    /**
     * START TRANSACTION [characteristic [, characteristic]]: WITH CONSISTENT SNAPSHOT, READ ONLY,
     * READ WRITE.
     */
    private static TransactionStatement.Begin startTransaction(TokenCursor c) {
        Boolean readOnly = null;
        boolean snapshot = false;
        if (!c.atEnd()) {
            do {
                if (c.acceptAll("WITH", "CONSISTENT", "SNAPSHOT")) {
                    snapshot = true;
                    continue;
                }
                c.expect("READ");
                boolean only = c.accept("ONLY");
                if (!only) c.expect("WRITE");
                // MySQL refuses READ ONLY together with READ WRITE
                if (readOnly != null && readOnly != only) throw c.syntaxError();
                readOnly = only;
            } while (c.acceptSymbol(","));
        }
        c.expectEnd();
        return new TransactionStatement.Begin(readOnly, snapshot);
    }

    /** LOCK TABLE[S] t [[AS] alias] READ [LOCAL] | [LOW_PRIORITY] WRITE, …. */
    private static AdminStatement.LockTables lockTables(TokenCursor c) {
        if (!c.accept("TABLES")) c.expect("TABLE");
        List<AdminStatement.TableLock> locks = new ArrayList<>();
        do {
            String[] name = tableName(c);
            if (c.accept("AS")) {
                c.identifier();
            } else if (c.peek() != null && c.peek().isIdentifier() && !c.peek().is("READ") && !c.peek().is("WRITE")
                    && !c.peek().is("LOW_PRIORITY")) {
                c.identifier();
            }
            boolean write;
            if (c.accept("READ")) {
                c.accept("LOCAL");
                write = false;
            } else {
                c.accept("LOW_PRIORITY");
                c.expect("WRITE");
                write = true;
            }
            locks.add(new AdminStatement.TableLock(name[0], name[1], write));
        } while (c.acceptSymbol(","));
        c.expectEnd();
        return new AdminStatement.LockTables(locks);
    }

    /**
     * CHECK TABLE, ANALYZE / OPTIMIZE / REPAIR [NO_WRITE_TO_BINLOG | LOCAL] TABLE, CHECKSUM TABLE
     * (TABLE or TABLES after each).
     */
    static boolean isTableMaintenance(List<Token> t) {
        if (t.size() < 3) return false;
        Token first = t.get(0);
        int k = 1;
        if ((first.is("ANALYZE") || first.is("OPTIMIZE") || first.is("REPAIR"))
                && (t.get(1).is("NO_WRITE_TO_BINLOG") || t.get(1).is("LOCAL"))) {
            k = 2;
        } else if (!(first.is("CHECK") || first.is("CHECKSUM") || first.is("ANALYZE") || first.is("OPTIMIZE")
                || first.is("REPAIR"))) {
            return false;
        }
        return k < t.size() && (t.get(k).is("TABLE") || t.get(k).is("TABLES"));
    }

    /**
     * The table maintenance statements with MySQL 5.7's options: CHECK TABLE … [FOR UPGRADE | QUICK |
     * FAST | MEDIUM | EXTENDED | CHANGED]…, REPAIR … [QUICK] [EXTENDED] [USE_FRM], CHECKSUM TABLE …
     * [QUICK | EXTENDED]; none changes what this server does (it has nothing to repair and keeps no
     * live checksum).
     */
    static AdminStatement.TableMaintenance tableMaintenance(StatementText text) {
        TokenCursor c = text.cursor();
        AdminStatement.Maintenance op = AdminStatement.Maintenance.valueOf(c.next().upper());
        boolean local = c.accept("NO_WRITE_TO_BINLOG") || c.accept("LOCAL");
        if (!c.accept("TABLES")) c.expect("TABLE");
        io.minisqld.server.grant.Privilege needed = op == AdminStatement.Maintenance.CHECKSUM
                || op == AdminStatement.Maintenance.CHECK ? io.minisqld.server.grant.Privilege.SELECT
                : io.minisqld.server.grant.Privilege.INSERT;
        List<TableRef> tables = new ArrayList<>();
        do {
            String[] name = tableName(c);
            tables.add(new TableRef(name[0], name[1], needed));
        } while (c.acceptSymbol(","));
        java.util.Set<String> options = switch (op) {
            case CHECK -> java.util.Set.of("FOR", "UPGRADE", "QUICK", "FAST", "MEDIUM", "EXTENDED", "CHANGED");
            case REPAIR -> java.util.Set.of("QUICK", "EXTENDED", "USE_FRM");
            case CHECKSUM -> java.util.Set.of("QUICK", "EXTENDED");
            default -> java.util.Set.of();
        };
        while (c.peek() != null && c.peek().type() == TokenType.WORD && options.contains(c.peek().upper())) c.next();
        c.expectEnd();
        return new AdminStatement.TableMaintenance(op, local, tables);
    }

    /** LOAD DATA … INFILE (see {@link AdminStatement.LoadData}); @variables and SET are not read yet (1235). */
    static AdminStatement.LoadData loadData(StatementText text) {
        TokenCursor c = text.cursor();
        c.expect("LOAD");
        c.expect("DATA");
        if (!c.accept("LOW_PRIORITY")) c.accept("CONCURRENT");
        boolean local = c.accept("LOCAL");
        c.expect("INFILE");
        String file = c.string();
        String duplicates = c.accept("REPLACE") ? "REPLACE" : c.accept("IGNORE") ? "IGNORE" : "";
        c.expect("INTO");
        c.expect("TABLE");
        String[] name = tableName(c);
        if (c.accept("PARTITION")) throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("LOAD DATA … PARTITION");
        String charset = null;
        if (c.accept("CHARACTER")) {
            c.expect("SET");
            charset = c.identifier();
        } else if (c.accept("CHARSET")) {
            charset = c.identifier();
        }
        FileFormat format = FileFormat.parse(c);
        long ignore = 0;
        if (c.accept("IGNORE")) {
            Token n = c.next();
            if (n == null || n.type() != TokenType.NUMBER) throw c.syntaxError();
            ignore = Long.parseLong(n.text());
            if (!c.accept("LINES")) c.expect("ROWS");
        }
        List<String> columns = new ArrayList<>();
        if (c.acceptSymbol("(")) {
            if (!c.acceptSymbol(")")) {
                do {
                    Token t = c.peek();
                    if (t != null && t.type() == TokenType.USER_VAR) {
                        throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("LOAD DATA into @variables");
                    }
                    columns.add(c.identifier());
                } while (c.acceptSymbol(","));
                if (!c.acceptSymbol(")")) throw c.syntaxError();
            }
        }
        if (c.accept("SET")) throw io.minisqld.server.error.ErrorCode.ER_NOT_SUPPORTED_YET.error("LOAD DATA … SET");
        c.expectEnd();
        return new AdminStatement.LoadData(local, file, duplicates, name[0], name[1], charset, format.fieldsTerminated(),
                format.enclosed(), format.optionallyEnclosed(), format.escaped(), format.linesStarting(),
                format.linesTerminated(), ignore, columns);
    }

    /** [database.]table: {database or null, table}. */
    private static String[] tableName(TokenCursor c) {
        String first = c.identifier();
        if (c.acceptSymbol(".")) return new String[] {first, c.identifier()};
        return new String[] {null, first};
    }

    private static AdminStatement flush(TokenCursor c) {
        boolean local = c.accept("NO_WRITE_TO_BINLOG") || c.accept("LOCAL");
        int start = c.position();
        if (c.accept("TABLES") || c.accept("TABLE")) {
            // FLUSH TABLES [t, …] WITH READ LOCK
            List<TableRef> tables = new ArrayList<>();
            if (c.peek() != null && c.peek().isIdentifier() && !c.peek().is("WITH")) {
                do {
                    String[] name = tableName(c);
                    tables.add(new TableRef(name[0], name[1], io.minisqld.server.grant.Privilege.SELECT));
                } while (c.acceptSymbol(","));
            }
            if (c.acceptAll("WITH", "READ", "LOCK")) {
                c.expectEnd();
                return new AdminStatement.FlushTablesWithReadLock(tables);
            }
            if (!tables.isEmpty()) {
                // FLUSH TABLES t, …: closes those tables; nothing is cached to close here
                c.expectEnd();
                return new AdminStatement.Flush(local, List.of(AdminStatement.FlushItem.TABLES));
            }
            c.reset(start);
        }
        List<AdminStatement.FlushItem> items = new ArrayList<>();
        do {
            Token t = c.next();
            AdminStatement.FlushItem item = switch (t.type() == TokenType.WORD ? t.upper() : "") {
                case "STATUS" -> AdminStatement.FlushItem.STATUS;
                case "PRIVILEGES" -> AdminStatement.FlushItem.PRIVILEGES;
                case "TABLES" -> AdminStatement.FlushItem.TABLES;
                case "HOSTS" -> AdminStatement.FlushItem.HOSTS;
                case "LOGS" -> AdminStatement.FlushItem.LOGS;
                case "BINARY" -> {
                    c.accept("LOGS");
                    yield AdminStatement.FlushItem.BINARY_LOGS;
                }
                case "ENGINE", "ERROR", "GENERAL", "RELAY", "SLOW" -> {
                    c.accept("LOGS");
                    yield AdminStatement.FlushItem.OTHER_LOGS;
                }
                case "QUERY" -> {
                    c.accept("CACHE");
                    yield AdminStatement.FlushItem.QUERY_CACHE;
                }
                case "USER_RESOURCES" -> AdminStatement.FlushItem.USER_RESOURCES;
                case "OPTIMIZER_COSTS" -> AdminStatement.FlushItem.OPTIMIZER_COSTS;
                default -> throw c.syntaxErrorAt(t);
            };
            items.add(item);
        } while (c.acceptSymbol(","));
        c.expectEnd();
        return new AdminStatement.Flush(local, items);
    }
}
