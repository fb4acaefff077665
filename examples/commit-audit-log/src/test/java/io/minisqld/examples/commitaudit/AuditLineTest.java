package io.minisqld.examples.commitaudit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.minisqld.plugin.api.LogPosition;
import io.minisqld.plugin.api.observer.TransactionContext;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditLineTest {
    private static final Instant T = Instant.parse("2025-01-31T09:15:02.123Z");
    /** The context fields of a param built without one (TransactionContext.UNKNOWN). */
    static final String NO_CONTEXT = " user=@ db=- rows=0 xid=0 start=1970-01-01T00:00:00Z statements=[]";

    @Test
    void theContextNamesWhoAndWhatWithTheStatementsAsJson() {
        TransactionContext ctx = new TransactionContext("app", "localhost", "shop",
                List.of("INSERT INTO t VALUES ('a \"b\" \\ c')", "UPDATE t SET v = 1\nWHERE id = 2"), 3,
                Instant.parse("2025-01-31T09:15:02.101Z"), 12, null);
        TransactionParam p = new TransactionParam(1, "", 7, true, LogPosition.of("mysql-bin.000001", 1024), ctx);
        assertEquals("2025-01-31T09:15:02.123Z 1 7 mysql-bin.000001:1024 user=app@localhost db=shop rows=3 xid=12"
                + " start=2025-01-31T09:15:02.101Z statements=[\"INSERT INTO t VALUES ('a \\\"b\\\" \\\\ c')\","
                + "\"UPDATE t SET v = 1\\nWHERE id = 2\"]", AuditLine.of(T, p).text());
    }

    @Test
    void aBinloggedTransactionShowsFileAndEndPosition() {
        TransactionParam p = new TransactionParam(1, "", 7, true, LogPosition.of("mysql-bin.000001", 1024));
        assertEquals("2025-01-31T09:15:02.123Z 1 7 mysql-bin.000001:1024" + NO_CONTEXT, AuditLine.of(T, p).text());
    }

    @Test
    void withoutABinlogPositionTheLastFieldIsADash() {
        TransactionParam p = new TransactionParam(0, "", 12, true, null);
        assertEquals("2025-01-31T09:15:02.123Z 0 12 -" + NO_CONTEXT, AuditLine.of(T, p).text());
    }

    @Test
    void wholeSecondsKeepTheirIsoForm() {
        TransactionParam p = new TransactionParam(3, "", 1, true, LogPosition.of("b.000002", 4));
        assertEquals("2025-01-31T09:15:02Z 3 1 b.000002:4" + NO_CONTEXT,
                AuditLine.of(Instant.parse("2025-01-31T09:15:02Z"), p).text());
    }
}
