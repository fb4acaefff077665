package io.minisqld.examples.commitaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditLineTest {
    private static final Instant T = Instant.parse("2025-01-31T09:15:02.123Z");

    @Test
    void aBinloggedTransactionShowsFileAndEndPosition() {
        TransactionParam p = new TransactionParam(1, "", 7, true, LogPosition.of("mysql-bin.000001", 1024));
        assertEquals("2025-01-31T09:15:02.123Z 1 7 mysql-bin.000001:1024", AuditLine.of(T, p).text());
    }

    @Test
    void withoutABinlogPositionTheLastFieldIsADash() {
        TransactionParam p = new TransactionParam(0, "", 12, true, null);
        assertEquals("2025-01-31T09:15:02.123Z 0 12 -", AuditLine.of(T, p).text());
    }

    @Test
    void wholeSecondsKeepTheirIsoForm() {
        TransactionParam p = new TransactionParam(3, "", 1, true, LogPosition.of("b.000002", 4));
        assertEquals("2025-01-31T09:15:02Z 3 1 b.000002:4",
                AuditLine.of(Instant.parse("2025-01-31T09:15:02Z"), p).text());
    }
}
