package io.minisqld.server.engine.h2;

import io.minisqld.server.engine.Deadlock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.engine.SessionLocal;
import org.h2.mvstore.tx.Transaction;
import org.h2.table.Table;

/**
 * The latest deadlock, read from H2's report of it. H2's detector tells its victim the cycle, a
 * line per transaction: "Transaction 7 attempts to update map &lt;table.12&gt; entry with key
 * &lt;3&gt; modified by transaction 5(…)". Each transaction number is matched to the session
 * whose H2 session owns it, and each map to its table (a table's rows, or one of its indexes),
 * while the transactions are still open: the victim's is rolled back right after.
 */
final class DeadlockReports {
    private static final Pattern VICTIM = Pattern.compile("Transaction (\\d+) has been chosen as a deadlock victim");
    private static final Pattern WAIT = Pattern.compile(
            "Transaction (\\d+) attempts to update map <(?:table|index)\\.(\\d+)> entry with key <.*?> modified by transaction (\\d+)");

    private volatile Deadlock latest;

    Deadlock latest() {
        return latest;
    }

    /** Records the deadlock H2 reported to {@code victim} in {@code error} (its cause has the cycle), before its rollback. */
    void found(H2EngineSession victim, SessionLocal h2, Throwable error, Collection<H2EngineSession> sessions) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null && all.length() < 100_000; t = t.getCause()) all.append(t.getMessage()).append('\n');
        String message = all.toString();
        Matcher v = VICTIM.matcher(message);
        if (!v.find()) return;
        long victimNumber = Long.parseLong(v.group(1));
        Map<Integer, H2EngineSession> byH2Session = OpenTransactions.byH2Session(sessions);
        Map<Long, H2EngineSession> byTransaction = new HashMap<>();
        for (Transaction tx : h2.getDatabase().getStore().getTransactionStore().getOpenTransactions()) {
            H2EngineSession owner = byH2Session.get(InnoDbLocking.owner(tx));
            if (owner != null) byTransaction.put((long) tx.getId(), owner);
        }
        byTransaction.put(victimNumber, victim);
        List<Deadlock.Transaction> cycle = new ArrayList<>();
        int victimIndex = 0;
        Matcher w = WAIT.matcher(message);
        while (w.find()) {
            long number = Long.parseLong(w.group(1));
            Table table = OpenTransactions.tableOfMap(h2, Integer.parseInt(w.group(2)));
            H2EngineSession s = byTransaction.get(number);
            if (number == victimNumber) victimIndex = cycle.size();
            cycle.add(new Deadlock.Transaction(number, s == null ? 0 : s.sessionId(), s == null ? 0 : s.statementNumber(),
                    s == null ? null : s.currentStatement(), table == null ? null : table.getSchema().getName(),
                    table == null ? null : table.getName(), Long.parseLong(w.group(3))));
        }
        if (!cycle.isEmpty()) latest = new Deadlock(LocalDateTime.now(), cycle, victimIndex);
    }
}
