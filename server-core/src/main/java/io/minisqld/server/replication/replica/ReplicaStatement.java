package io.minisqld.server.replication.replica;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.sql.Token;
import io.minisqld.server.sql.TokenType;
import java.util.List;

/**
 * The replica statements, parsed: MySQL 5.7's spellings and the 8.0.22+ ones
 * ({@code CHANGE REPLICATION SOURCE TO}, {@code START|STOP|RESET REPLICA}, {@code SHOW REPLICA STATUS}).
 */
sealed interface ReplicaStatement {

    /** Which threads START/STOP SLAVE names; both when none is named. */
    record Threads(boolean io, boolean sql) {
        static final Threads BOTH = new Threads(true, true);
    }

    /**
     * CHANGE MASTER TO: each option null when not given.
     *
     * @param heartbeatPeriod seconds, as typed (validated by the service)
     */
    record ChangeMaster(String host, Integer port, String user, String password, Integer connectRetry,
                        Double heartbeatPeriod, Long retryCount, String logFile, Long logPos, String relayLogFile,
                        Long relayLogPos) implements ReplicaStatement {

        /** Options of the receiver (IO) thread: the IO thread must be stopped to change them. */
        boolean receiverOptions() {
            return host != null || port != null || user != null || password != null || connectRetry != null
                    || heartbeatPeriod != null || retryCount != null || logFile != null || logPos != null;
        }

        /** Options of the applier (SQL) thread. */
        boolean applierOptions() {
            return relayLogFile != null || relayLogPos != null || logFile != null || logPos != null;
        }
    }

    record Start(Threads threads) implements ReplicaStatement {
    }

    record Stop(Threads threads) implements ReplicaStatement {
    }

    record Reset(boolean all) implements ReplicaStatement {
    }

    record ShowStatus() implements ReplicaStatement {
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

    /** Parses a statement {@link #handles} accepted; 1064 for anything else. */
    static ReplicaStatement parse(String sql, List<Token> tokens) {
        Cursor c = new Cursor(sql, tokens);
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
            return first.is("START") ? new Start(th) : new Stop(th);
        }
        if (first.is("RESET")) {
            c.next();
            boolean all = c.accept("ALL");
            channel(c);
            c.expectEnd();
            return new Reset(all);
        }
        c.next();
        c.next();
        channel(c);
        c.expectEnd();
        return new ShowStatus();
    }

    /** FOR CHANNEL '' (the default channel) is accepted; another name is not a channel here. */
    private static void channel(Cursor c) {
        if (!c.accept("FOR")) return;
        c.expect("CHANNEL");
        Token name = c.next();
        if (name.type() != TokenType.STRING || !name.value().isEmpty()) {
            throw ErrorCode.ER_WRONG_ARGUMENTS.error("FOR CHANNEL");
        }
    }

    private static ChangeMaster changeMaster(Cursor c) {
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
                case "MASTER_AUTO_POSITION" -> {
                    if (c.number(0, 1) != 0) throw ErrorCode.ER_WRONG_ARGUMENTS.error("MASTER_AUTO_POSITION");
                }
                case "MASTER_SSL" -> {
                    if (c.number(0, 1) != 0) throw ErrorCode.ER_WRONG_ARGUMENTS.error("MASTER_SSL");
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
                relayLogFile, relayLogPos);
    }

    /** A cursor over significant tokens with MySQL's 1064 for what it does not expect. */
    final class Cursor {
        private final String sql;
        private final List<Token> tokens;
        private int pos;

        Cursor(String sql, List<Token> tokens) {
            this.sql = sql;
            this.tokens = tokens;
        }

        Token next() {
            if (pos >= tokens.size()) throw syntaxError();
            return tokens.get(pos++);
        }

        boolean accept(String word) {
            if (pos < tokens.size() && tokens.get(pos).is(word)) {
                pos++;
                return true;
            }
            return false;
        }

        boolean acceptSymbol(String symbol) {
            if (pos < tokens.size() && tokens.get(pos).isSymbol(symbol)) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(String word) {
            if (!accept(word)) throw syntaxError();
        }

        void expectSymbol(String symbol) {
            if (!acceptSymbol(symbol)) throw syntaxError();
        }

        void expectEnd() {
            if (pos < tokens.size()) throw syntaxError();
        }

        String string() {
            Token t = next();
            if (t.type() != TokenType.STRING) throw syntaxErrorAt(t);
            return t.value();
        }

        long number(long min, long max) {
            Token t = next();
            if (t.type() != TokenType.NUMBER || !t.text().matches("[0-9]+")) throw syntaxErrorAt(t);
            long v;
            try {
                v = Long.parseLong(t.text());
            } catch (NumberFormatException e) {
                throw syntaxErrorAt(t);
            }
            if (v < min || v > max) throw syntaxErrorAt(t);
            return v;
        }

        double decimal() {
            boolean negative = acceptSymbol("-");
            Token t = next();
            if (t.type() != TokenType.NUMBER) throw syntaxErrorAt(t);
            double v = Double.parseDouble(t.text());
            return negative ? -v : v;
        }

        SqlError syntaxErrorAt(Token t) {
            pos = tokens.indexOf(t);
            return syntaxError();
        }

        SqlError syntaxError() {
            int offset = pos < tokens.size() ? tokens.get(pos).start() : sql.length();
            String near = sql.substring(offset);
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (sql.charAt(i) == '\n') line++;
            }
            if (near.length() > 80) near = near.substring(0, 80);
            return ErrorCode.ER_PARSE_ERROR.error(near, line);
        }
    }
}
