package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.MysqlRandom;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;

/**
 * MySQL's RAND() and RAND(N) in H2 (part of {@link MySqlToH2}), drawing from MySQL's generator
 * ({@link MysqlRandom}) so that values equal MySQL's and a replica given the source's seeds draws
 * the same ones. RAND() uses the session's generator; each RAND(N) of a statement has its own,
 * seeded once from a constant N (as MySQL seeds it when the statement starts) or at each row
 * from an N that is not constant. The statement's generators are bound to the running thread
 * while the engine runs the statement (H2 calls the aliases on it).
 */
public final class RandomCalls {
    static final String RAND_ALIAS = "minisqld_rand";
    static final String SEEDED_ALIAS = "minisqld_rand_seeded";

    private static final ThreadLocal<Bound> BOUND = new ThreadLocal<>();

    /** The generators of the statement running on this thread. */
    private static final class Bound {
        final MysqlRandom session;
        final Map<Integer, MysqlRandom> seeded = new HashMap<>();

        Bound(MysqlRandom session) {
            this.session = session;
        }
    }

    private RandomCalls() {
    }

    static java.util.List<String> createAliasSql() {
        return java.util.List.of(
                "CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + RAND_ALIAS + "\" FOR '" + RandomCalls.class.getName() + ".rand'",
                "CREATE ALIAS IF NOT EXISTS PUBLIC.\"" + SEEDED_ALIAS + "\" FOR '" + RandomCalls.class.getName()
                        + ".seeded'");
    }

    /** Binds a statement's generators to this thread until the returned handle is closed. */
    static Binding bind(MysqlRandom session) {
        Bound previous = BOUND.get();
        BOUND.set(new Bound(session != null ? session : MysqlRandom.forSession()));
        return () -> {
            if (previous == null) BOUND.remove();
            else BOUND.set(previous);
        };
    }

    /** A binding, undone by close. */
    interface Binding extends AutoCloseable {
        @Override
        void close();
    }

    private static Bound bound() {
        Bound b = BOUND.get();
        if (b == null) {
            // a call outside a statement the engine runs (a view H2 expands on its own): a fresh generator
            b = new Bound(MysqlRandom.forSession());
            BOUND.set(b);
        }
        return b;
    }

    /** RAND(): the session's next value. */
    public static double rand(Connection conn) {
        return bound().session.next();
    }

    /**
     * RAND(N) at call site {@code site}: seeded once per statement when N is a constant, at each
     * call otherwise. A NULL N seeds as 0, as MySQL's.
     */
    public static double seeded(Connection conn, int site, boolean constant, Long n) {
        long seed = n == null ? 0 : n;
        if (!constant) return MysqlRandom.seeded(seed).next();
        return bound().seeded.computeIfAbsent(site, k -> MysqlRandom.seeded(seed)).next();
    }
}
