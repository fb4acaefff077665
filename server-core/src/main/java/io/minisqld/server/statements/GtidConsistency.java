package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.gtid.Gtid;
import io.minisqld.server.gtid.GtidMode;
import io.minisqld.server.session.Session;
import io.minisqld.server.sql.Token;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code enforce_gtid_consistency} (row-events-gtid-mts.md B.2): the statements that cannot be
 * one GTID transaction each. Checked only for statements that are binlogged; an error when the
 * variable is ON, when the session names its GTID, or when gtid_mode gives new transactions GTIDs;
 * with WARN a warning of the same code (and an error-log line); with OFF nothing. This server's
 * tables are all transactional, so 1785 (non-transactional updates) cannot arise.
 */
final class GtidConsistency {
    private static final Logger log = LoggerFactory.getLogger(GtidConsistency.class);

    private GtidConsistency() {
    }

    /** Before a statement runs (and before its implicit commit): 1786 or 1787, or their warnings. */
    static void check(Session s, List<Token> sig, String enforce, GtidMode mode, boolean logged) {
        if (!logged || sig.size() < 3 || "OFF".equals(enforce)) return;
        ErrorCode violation = null;
        boolean temporary = sig.get(1).is("TEMPORARY") && sig.get(2).is("TABLE");
        if (sig.get(0).is("CREATE") && sig.get(1).is("TABLE")) {
            for (Token t : sig) {
                if (t.is("SELECT")) {
                    violation = ErrorCode.ER_GTID_UNSAFE_CREATE_SELECT;
                    break;
                }
            }
        } else if ((sig.get(0).is("CREATE") || sig.get(0).is("DROP")) && temporary && s.inTransaction()) {
            violation = ErrorCode.ER_GTID_UNSAFE_CREATE_DROP_TEMPORARY_TABLE_IN_TRANSACTION;
        }
        if (violation == null) return;
        Gtid next = Transactions.gtidFor(s);
        boolean error = "ON".equals(enforce) || Transactions.named(next)
                || (next == null && mode.assignsGtids());
        if (error) throw violation.error();
        s.warn(violation);
        log.warn("{}", violation.error().getMessage());
    }
}
