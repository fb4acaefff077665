package io.minisqld.server.sql.statement;

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
                c.expectEnd();
                if (first.is("COMMIT")) return new TransactionStatement.Commit();
                return first.is("BEGIN") ? new TransactionStatement.Begin(null) : new TransactionStatement.Rollback();
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
            case "SHUTDOWN" -> {
                c.expectEnd();
                return new AdminStatement.Shutdown();
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
                // CHARACTER SET / COLLATE options are accepted: every database stores Unicode
                return first.is("CREATE") ? new AdminStatement.CreateDatabase(name, conditional)
                        : new AdminStatement.DropDatabase(name, conditional);
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
     * START TRANSACTION [characteristic [, characteristic]]: WITH CONSISTENT SNAPSHOT (the engine's
     * snapshot is taken at the first read either way), READ ONLY, READ WRITE.
     */
    private static TransactionStatement.Begin startTransaction(TokenCursor c) {
        Boolean readOnly = null;
        if (!c.atEnd()) {
            do {
                if (c.acceptAll("WITH", "CONSISTENT", "SNAPSHOT")) continue;
                c.expect("READ");
                boolean only = c.accept("ONLY");
                if (!only) c.expect("WRITE");
                // MySQL refuses READ ONLY together with READ WRITE
                if (readOnly != null && readOnly != only) throw c.syntaxError();
                readOnly = only;
            } while (c.acceptSymbol(","));
        }
        c.expectEnd();
        return new TransactionStatement.Begin(readOnly);
    }

    private static AdminStatement.Flush flush(TokenCursor c) {
        boolean local = c.accept("NO_WRITE_TO_BINLOG") || c.accept("LOCAL");
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
