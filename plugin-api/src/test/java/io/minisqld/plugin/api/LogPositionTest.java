package io.minisqld.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogPositionTest {

    @Test
    void ordersByFileSequenceThenOffset() {
        LogPosition a = LogPosition.of("mysql-bin.000002", 900);
        LogPosition b = LogPosition.of("mysql-bin.000003", 4);
        LogPosition c = LogPosition.of("mysql-bin.000003", 621);
        assertTrue(a.isBefore(b));
        assertTrue(b.isBefore(c));
        assertTrue(c.isAtOrBefore(LogPosition.of("mysql-bin.000003", 621)));
        assertFalse(c.isBefore(LogPosition.of("mysql-bin.000003", 621)));
        assertEquals(0, c.compareTo(LogPosition.of("mysql-bin.000003", 621)));
    }

    @Test
    void theSequenceNumberOrdersFilesNotTheirSpelling() {
        // MySQL goes on from .999999 to .1000000, which a string compare would put first
        assertTrue(LogPosition.of("mysql-bin.999999", 500).isBefore(LogPosition.of("mysql-bin.1000000", 4)));
        assertTrue(LogPosition.of("mysql-bin.000009", 500).isBefore(LogPosition.of("mysql-bin.000010", 4)));
        assertTrue(LogPosition.of("mysql-bin.9", 500).isBefore(LogPosition.of("mysql-bin.10", 4)));
        List<LogPosition> sorted = new ArrayList<>(List.of(LogPosition.of("b.1000000", 4),
                LogPosition.of("b.999999", 4), LogPosition.of("b.000010", 4), LogPosition.of("", 4)));
        Collections.sort(sorted);
        assertEquals(List.of(LogPosition.of("", 4), LogPosition.of("b.000010", 4), LogPosition.of("b.999999", 4),
                LogPosition.of("b.1000000", 4)), sorted);
    }

    @Test
    void fileSequenceIsTheNumberAfterTheLastDot() {
        assertEquals(123, LogPosition.fileSequence("mysql-bin.000123"));
        assertEquals(3, LogPosition.fileSequence("host.relay-bin.000003"));
        assertEquals(-1, LogPosition.fileSequence(""));
        assertEquals(-1, LogPosition.fileSequence("mysql-bin"));
        assertEquals(-1, LogPosition.fileSequence("mysql-bin."));
        assertEquals(-1, LogPosition.fileSequence("mysql-bin.index"));
        assertEquals(-1, LogPosition.fileSequence("b.99999999999999999999999"));
    }

    @Test
    void printsAsFileColonOffset() {
        assertEquals("mysql-bin.000003:621", LogPosition.of("mysql-bin.000003", 621).toString());
        assertEquals(LogPosition.of("mysql-bin.000003", 4), LogPosition.of("mysql-bin.000003", 621).withOffset(4));
    }

    @Test
    void refusesWhatIsNoPosition() {
        assertThrows(NullPointerException.class, () -> LogPosition.of(null, 4));
        assertThrows(IllegalArgumentException.class, () -> LogPosition.of("mysql-bin.000001", -1));
    }
}
