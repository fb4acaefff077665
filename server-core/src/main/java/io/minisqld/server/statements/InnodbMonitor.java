package io.minisqld.server.statements;

import io.minisqld.server.engine.Deadlock;
import io.minisqld.server.session.Session;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;

/**
 * The Status text of SHOW ENGINE INNODB STATUS, in the layout of MySQL 5.7's InnoDB monitor
 * (srv0srv.cc's header and END lines, lock0lock.cc's LATEST DETECTED DEADLOCK section), with the
 * sections this server can fill truthfully: the latest deadlock the engine broke since start-up,
 * its transactions and the rows they waited for, and the one rolled back. pt-deadlock-logger and
 * other readers of the deadlock section find it where they look. The sections of InnoDB's own
 * structures (semaphores, file I/O, buffer pool, log) and its transaction list are absent: the
 * engine keeps none of them. A transaction's "query id" is its connection's count of statements.
 */
final class InnodbMonitor {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private InnodbMonitor() {
    }

    static String text(LocalDateTime now, Deadlock deadlock, Collection<Session> sessions) {
        StringBuilder out = new StringBuilder("\n=====================================\n")
                .append(TIME.format(now)).append(" INNODB MONITOR OUTPUT\n")
                .append("=====================================\n");
        if (deadlock != null) {
            section(out, "LATEST DETECTED DEADLOCK");
            out.append(TIME.format(deadlock.at())).append('\n');
            int n = 1;
            for (Deadlock.Transaction t : deadlock.transactions()) {
                out.append("*** (").append(n).append(") TRANSACTION:\n");
                out.append("TRANSACTION ").append(t.number()).append('\n');
                out.append(threadLine(t.connectionId(), t.statementNumber(), sessions)).append('\n');
                if (t.statement() != null) out.append(t.statement()).append('\n');
                // the previous transaction of the cycle (the first's: the last) waits for a row this one holds
                int size = deadlock.transactions().size();
                Deadlock.Transaction before = deadlock.transactions().get((n - 2 + size) % size);
                if (size > 1 && before.holder() == t.number()) {
                    out.append("*** (").append(n).append(") HOLDS THE LOCK(S):\n");
                    out.append(recordLock(before, t.number(), false)).append('\n');
                }
                out.append("*** (").append(n).append(") WAITING FOR THIS LOCK TO BE GRANTED:\n");
                out.append(recordLock(t, t.number(), true)).append('\n');
                n++;
            }
            out.append("*** WE ROLL BACK TRANSACTION (").append(deadlock.victim() + 1).append(")\n");
        }
        return out.append("----------------------------\nEND OF INNODB MONITOR OUTPUT\n============================\n")
                .toString();
    }

    private static void section(StringBuilder out, String name) {
        String line = "-".repeat(name.length());
        out.append(line).append('\n').append(name).append('\n').append(line).append('\n');
    }

    /** {@code MySQL thread id N, query id Q host user}: the connection's host and account while it is connected. */
    private static String threadLine(long connectionId, long statementNumber, Collection<Session> sessions) {
        StringBuilder line = new StringBuilder("MySQL thread id ").append(connectionId).append(", query id ")
                .append(statementNumber);
        for (Session s : sessions) {
            if (s.id() == connectionId) {
                // the host without PROCESSLIST's port, as InnoDB prints it
                String host = s.host();
                int port = host.lastIndexOf(':');
                line.append(' ').append(port > 0 ? host.substring(0, port) : host).append(' ').append(s.user());
                break;
            }
        }
        return line.toString();
    }

    /** The row lock a transaction waits for (or its holder holds): the table, the holder's number, exclusive. */
    private static String recordLock(Deadlock.Transaction waiter, long trx, boolean waiting) {
        return "RECORD LOCKS table `" + waiter.database() + "`.`" + waiter.table() + "` trx id " + trx
                + " lock_mode X locks rec but not gap" + (waiting ? " waiting" : "");
    }
}
