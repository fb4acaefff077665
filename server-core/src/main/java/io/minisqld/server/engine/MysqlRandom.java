package io.minisqld.server.engine;

import java.util.concurrent.ThreadLocalRandom;

/**
 * MySQL's RAND() generator, exactly (row-events-gtid-mts.md §A.10): two seeds below 0x3FFFFFFF;
 * each value advances {@code seed1 = (3·seed1 + seed2) mod max}, {@code seed2 = (seed1 + seed2 + 33)
 * mod max} and is {@code seed1 / max}. A session has one for RAND() without a seed, started from
 * random seeds as a connection's is; its seeds before a statement's first RAND() are what a RAND
 * event carries, so a replica that sets them draws the same values. RAND(N) starts its own at N's
 * seeds. Not thread-safe: a session's statements use it one at a time.
 */
public final class MysqlRandom {
    static final long MAX = 0x3FFFFFFFL;

    private long seed1;
    private long seed2;

    private MysqlRandom(long seed1, long seed2) {
        this.seed1 = seed1 % MAX;
        this.seed2 = seed2 % MAX;
    }

    /** A session's generator, with seeds no other session shares. */
    public static MysqlRandom forSession() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new MysqlRandom(r.nextLong(MAX), r.nextLong(MAX));
    }

    /** RAND(N)'s generator: MySQL seeds it with N·0x10001 + 55555555 and N·0x10000001. */
    public static MysqlRandom seeded(long n) {
        // MySQL computes on 32-bit unsigned seeds (uint32 arithmetic of the seed argument)
        long tmp = n & 0xFFFFFFFFL;
        return new MysqlRandom((tmp * 0x10001L + 55555555L) & 0xFFFFFFFFL, (tmp * 0x10000001L) & 0xFFFFFFFFL);
    }

    /** The next value, in [0, 1). */
    public double next() {
        seed1 = (seed1 * 3 + seed2) % MAX;
        seed2 = (seed1 + seed2 + 33) % MAX;
        return (double) seed1 / (double) MAX;
    }

    public long seed1() {
        return seed1;
    }

    public long seed2() {
        return seed2;
    }

    /** Takes the seeds a RAND event carries. */
    public void reseed(long seed1, long seed2) {
        this.seed1 = seed1 % MAX;
        this.seed2 = seed2 % MAX;
    }
}
