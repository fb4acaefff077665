package io.minisqld.server.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** row-events-gtid-mts.md §A.10: MySQL's my_rnd and RAND(N)'s seeding, value for value. */
class MysqlRandomTest {
    @Test
    void randOfASeedGivesMysqlsSequence() {
        // the MySQL 5.7 manual's example: SELECT i, RAND(3) FROM t over three rows
        MysqlRandom three = MysqlRandom.seeded(3);
        assertEquals(0.9057697559760601, three.next());
        assertEquals(0.37307905813034536, three.next());
        assertEquals(0.14808605345719125, three.next());
        assertEquals(0.40540353712197724, MysqlRandom.seeded(1).next());
    }

    @Test
    void theSeedsARandEventCarriesReplayTheSameValues() {
        MysqlRandom source = MysqlRandom.forSession();
        long seed1 = source.seed1();
        long seed2 = source.seed2();
        double first = source.next();
        double second = source.next();
        MysqlRandom replica = MysqlRandom.forSession();
        replica.reseed(seed1, seed2);
        assertEquals(first, replica.next());
        assertEquals(second, replica.next());
    }
}
