package io.minisqld.semisync.master;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinlogPositionTest {

    @Test
    void ordersByFileThenOffset() {
        BinlogPosition a = BinlogPosition.of("mysql-bin.000002", 900);
        BinlogPosition b = BinlogPosition.of("mysql-bin.000003", 4);
        BinlogPosition c = BinlogPosition.of("mysql-bin.000003", 621);
        assertTrue(a.isBefore(b));
        assertTrue(b.isBefore(c));
        assertTrue(c.isAtOrBefore(BinlogPosition.of("mysql-bin.000003", 621)));
        assertEquals(0, c.compareTo(BinlogPosition.of("mysql-bin.000003", 621)));
        assertEquals("(mysql-bin.000003, 621)", c.toString());
    }
}
