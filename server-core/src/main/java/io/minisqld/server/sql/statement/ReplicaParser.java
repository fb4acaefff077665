package io.minisqld.server.sql.statement;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.sql.StatementText;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenCursor;
import io.minisqld.server.sql.TokenType;
import io.minisqld.server.sql.statement.ReplicaStatement.ChangeMaster;
import io.minisqld.server.sql.statement.ReplicaStatement.Threads;
import java.util.List;

/** CHANGE MASTER TO, START / STOP / RESET SLAVE and SHOW SLAVE STATUS, in 5.7 and 8.0 spellings. */
final class ReplicaParser {
    private ReplicaParser() {
    }

    /** Whether {@code t} starts a replica statement. */
    static boolean handles(List<Token> t) {
        if (t.size() < 2) return false;
        Token a = t.get(0);
        Token b = t.get(1);
        if (a.is("CHANGE")) return b.is("MASTER") || b.is("REPLICATION");
        if (a.is("START") || a.is("STOP")) return b.is("SLAVE") || b.is("REPLICA");
        if (a.is("RESET")) return b.is("SLAVE") || b.is("REPLICA");
        if (a.is("SHOW") && t.size() > 2) return (b.is("SLAVE") || b.is("REPLICA")) && t.get(2).is("STATUS");
        return false;
    }

    static ReplicaStatement parse(StatementText text) {
        TokenCursor c = text.cursor();
        Token first = c.next();
        if (first.is("CHANGE")) return changeMaster(c);
        if (first.is("START") || first.is("STOP")) {
            c.next();
            boolean io = false;
            boolean sqlThread = false;
            do {
                if (c.accept("IO_THREAD")) io = true;
                else if (c.accept("SQL_THREAD")) sqlThread = true;
                else break;
            } while (c.acceptSymbol(","));
            channel(c);
            c.expectEnd();
            Threads th = !io && !sqlThread ? Threads.BOTH : new Threads(io, sqlThread);
            return first.is("START") ? new ReplicaStatement.Start(th) : new ReplicaStatement.Stop(th);
        }
        if (first.is("RESET")) {
            c.next();
            boolean all = c.accept("ALL");
            channel(c);
            c.expectEnd();
            return new ReplicaStatement.Reset(all);
        }
        c.next();
        c.next();
        channel(c);
        c.expectEnd();
        return new ReplicaStatement.ShowStatus();
    }

    /** FOR CHANNEL '' (the default channel) is accepted; another name is not a channel here. */
    private static void channel(TokenCursor c) {
        if (!c.accept("FOR")) return;
        c.expect("CHANNEL");
        Token name = c.next();
        if (name.type() != TokenType.STRING || !name.value().isEmpty()) {
            throw ErrorCode.ER_WRONG_ARGUMENTS.error("FOR CHANNEL");
        }
    }

    private static ChangeMaster changeMaster(TokenCursor c) {
        if (c.accept("MASTER")) {
            c.expect("TO");
        } else {
            c.expect("REPLICATION");
            c.expect("SOURCE");
            c.expect("TO");
        }
        String host = null;
        String user = null;
        String password = null;
        String logFile = null;
        String relayLogFile = null;
        Integer port = null;
        Integer connectRetry = null;
        Double heartbeat = null;
        Long retryCount = null;
        Long logPos = null;
        Long relayLogPos = null;
        Boolean ssl = null;
        String sslCa = null;
        Boolean sslVerify = null;
        String sslCert = null;
        String sslKey = null;
        String sslCipher = null;
        String tlsVersion = null;
        Boolean autoPosition = null;
        do {
            Token opt = c.next();
            if (opt.type() != TokenType.WORD) throw c.syntaxErrorAt(opt);
            String name = opt.upper();
            if (name.startsWith("SOURCE_")) name = "MASTER_" + name.substring("SOURCE_".length());
            c.expectSymbol("=");
            switch (name) {
                case "MASTER_HOST" -> host = c.string();
                case "MASTER_USER" -> user = c.string();
                case "MASTER_PASSWORD" -> password = c.string();
                case "MASTER_LOG_FILE" -> logFile = c.string();
                case "RELAY_LOG_FILE" -> relayLogFile = c.string();
                case "MASTER_PORT" -> port = (int) c.number(0, 65535);
                case "MASTER_CONNECT_RETRY" -> connectRetry = (int) c.number(0, Integer.MAX_VALUE);
                case "MASTER_RETRY_COUNT" -> retryCount = c.number(0, Long.MAX_VALUE);
                case "MASTER_LOG_POS" -> logPos = c.number(0, Long.MAX_VALUE);
                case "RELAY_LOG_POS" -> relayLogPos = c.number(0, Long.MAX_VALUE);
                case "MASTER_HEARTBEAT_PERIOD" -> heartbeat = c.decimal();
                case "MASTER_USE_GTID" -> {
                    // MariaDB's option: only file/position mode exists here
                    Token v = c.next();
                    if (!v.is("NO")) throw ErrorCode.ER_WRONG_ARGUMENTS.error("MASTER_USE_GTID");
                }
                case "MASTER_AUTO_POSITION" -> autoPosition = c.number(0, 1) == 1;
                case "MASTER_SSL" -> ssl = c.number(0, 1) == 1;
                case "MASTER_SSL_CA" -> sslCa = c.string();
                case "MASTER_SSL_VERIFY_SERVER_CERT" -> sslVerify = c.number(0, 1) == 1;
                case "MASTER_SSL_CERT" -> sslCert = c.string();
                case "MASTER_SSL_KEY" -> sslKey = c.string();
                case "MASTER_SSL_CIPHER" -> sslCipher = c.string();
                case "MASTER_TLS_VERSION" -> tlsVersion = c.string();
                case "MASTER_SSL_CAPATH", "MASTER_SSL_CRL", "MASTER_SSL_CRLPATH" -> {
                    // CA directories and revocation lists are not used by the replica's client:
                    // named, they would be shown and then ignored
                    if (!c.string().isEmpty()) throw ErrorCode.ER_NOT_SUPPORTED_YET.error(name);
                }
                case "MASTER_DELAY" -> {
                    if (c.number(0, Integer.MAX_VALUE) != 0) throw ErrorCode.ER_WRONG_ARGUMENTS.error("MASTER_DELAY");
                }
                default -> throw c.syntaxErrorAt(opt);
            }
        } while (c.acceptSymbol(","));
        channel(c);
        c.expectEnd();
        return new ChangeMaster(host, port, user, password, connectRetry, heartbeat, retryCount, logFile, logPos,
                relayLogFile, relayLogPos, ssl, sslCa, sslVerify, sslCert, sslKey, sslCipher, tlsVersion, autoPosition);
    }
}
