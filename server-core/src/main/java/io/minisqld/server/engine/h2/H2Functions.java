package io.minisqld.server.engine.h2;

import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.message.DbException;

/** MySQL functions H2 lacks, installed as H2 aliases in schema PUBLIC at start-up. */
public final class H2Functions {
    static final String SLEEP_ALIAS = "minisqld_sleep";

    private H2Functions() {
    }

    static String createAliasSql() {
        return "CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + SLEEP_ALIAS + "\" FOR '" + H2Functions.class.getName()
                + ".sleep'";
    }

    /** The call that stands for MySQL's SLEEP. */
    static String sleepCall() {
        return "PUBLIC.\"" + SLEEP_ALIAS + "\"";
    }

    /**
     * MySQL's SLEEP(seconds): 0 after sleeping, 1 when KILL QUERY interrupted it (MySQL reports
     * the interruption as that result, not as an error).
     */
    public static int sleep(Connection conn, double seconds) {
        long deadline = System.nanoTime() + (long) (Math.max(0, seconds) * 1e9);
        SessionLocal session = conn instanceof JdbcConnection jc && jc.getSession() instanceof SessionLocal s ? s : null;
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return 0;
            if (session != null) {
                try {
                    session.checkCanceled();
                } catch (DbException cancelled) {
                    return 1;
                }
            }
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
            if (Thread.interrupted()) return 1;
        }
    }
}
