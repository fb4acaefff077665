package io.minisqld.server.gtid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minisqld.server.error.SqlError;
import org.junit.jupiter.api.Test;

/** GTID sets as MySQL 5.7's manual describes them (16.1.3.1, "GTID Format and Storage"; 12.18, GTID functions). */
class GtidSetTest {
    private static final String A = "3E11FA47-71CA-11E1-9E33-C80AA9429562";
    private static final String B = "2174b383-5441-11e8-b90a-c80aa9429562";

    @Test
    void parsesMergesAndWritesAsMysql() {
        assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:11-18",
                GtidSet.parse(A + ":1-3:11:12-18:4-5").toString());
        // UUIDs sorted, separated by ",\n" as gtid_executed shows them
        assertEquals(B + ":7,\n" + A.toLowerCase() + ":1-2", GtidSet.parse(" " + A + ":1-2 , " + B + ":7").toString());
        assertEquals("", GtidSet.parse("").toString());
        assertTrue(GtidSet.parse("  ").isEmpty());
    }

    @Test
    void subsetAndSubtractAsTheManualsExamples() {
        // the manual's GTID_SUBSET examples
        assertTrue(GtidSet.parse(A + ":23").subsetOf(GtidSet.parse(A + ":21-57")));
        assertFalse(GtidSet.parse(A + ":20-25").subsetOf(GtidSet.parse(A + ":21-57")));
        assertFalse(GtidSet.parse(A + ":1," + B + ":1").subsetOf(GtidSet.parse(A + ":1-9")));
        // the manual's GTID_SUBTRACT examples
        assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562:22-57",
                GtidSet.parse(A + ":21-57").minus(GtidSet.parse(A + ":21")).toString());
        assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562:26-57",
                GtidSet.parse(A + ":21-57").minus(GtidSet.parse(A + ":20-25")).toString());
        assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562:21-22:25-57",
                GtidSet.parse(A + ":21-57").minus(GtidSet.parse(A + ":23-24")).toString());
        assertEquals("", GtidSet.parse(A + ":21-57").minus(GtidSet.parse(A + ":1-100")).toString());
        assertEquals(B + ":1", GtidSet.parse(A + ":1," + B + ":1").minus(GtidSet.parse(A + ":1")).toString());
    }

    @Test
    void malformedSetsAre1772() {
        for (String bad : new String[] {"nope", A, A + ":0", A + ":5-3", A + ":x", "3E11FA47-71CA:1", A + ":1,"}) {
            SqlError e = assertThrows(SqlError.class, () -> GtidSet.parse(bad), bad);
            assertEquals(1772, e.number());
            assertEquals("Malformed GTID set specification '" + bad + "'.", e.getMessage());
        }
    }
}
