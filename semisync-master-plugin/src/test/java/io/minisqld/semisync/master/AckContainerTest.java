package io.minisqld.semisync.master;

import io.minisqld.plugin.api.LogPosition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AckContainerTest {
    private static final SemiSyncTrace TRACE_OFF = new SemiSyncTrace(new RecordingLog(), 0);

    private static LogPosition pos(long offset) {
        return LogPosition.of("mysql-bin.000001", offset);
    }

    @Test
    void twoReplicasReportThePositionBothHave() {
        AckContainer acks = new AckContainer(2, TRACE_OFF);
        assertEquals(Optional.empty(), acks.ack(2, pos(500)));
        assertEquals(Optional.empty(), acks.ack(2, pos(700)), "the same replica again only moves its slot");
        assertEquals(Optional.of(pos(600)), acks.ack(3, pos(600)));
        // replica 2's 700 stays: the next ack of another replica at 800 confirms 700
        assertEquals(Optional.of(pos(700)), acks.ack(4, pos(800)));
    }

    @Test
    void threeReplicasReportTheSmallestOfTheThreeLatestAcks() {
        AckContainer acks = new AckContainer(3, TRACE_OFF);
        acks.ack(2, pos(900));
        acks.ack(3, pos(400));
        // MySQL picks the last slot below the new ack (900, slot order); the intended minimum is 400
        assertEquals(Optional.of(pos(400)), acks.ack(4, pos(1000)));
        // now 2 → 900 and 4 → 1000 are held; replica 3 catching up to 950 confirms 900
        assertEquals(Optional.of(pos(900)), acks.ack(3, pos(950)));
    }

    @Test
    void theNewAckIsReportedWhenItIsTheSmallest() {
        AckContainer acks = new AckContainer(3, TRACE_OFF);
        acks.ack(2, pos(900));
        acks.ack(3, pos(800));
        assertEquals(Optional.of(pos(300)), acks.ack(4, pos(300)));
        assertEquals(Optional.empty(), acks.ack(5, pos(200)), "not beyond what was already reported");
        assertEquals(Optional.of(pos(800)), acks.ack(4, pos(850)));
    }

    @Test
    void resizingRecountsOutstandingAcks() {
        AckContainer acks = new AckContainer(3, TRACE_OFF);
        acks.ack(2, pos(500));
        acks.ack(3, pos(600));
        List<LogPosition> reported = new ArrayList<>();
        AckContainer two = acks.resized(2, reported::add);
        assertEquals(List.of(pos(500)), reported);
        assertEquals(2, two.required());
    }
}
