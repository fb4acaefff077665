package io.minisqld.examples.commitaudit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Binlogged commits and changed rows per account ({@code user@host}) as the audit observer saw
 * them since its plugin was initialised: what {@code information_schema.COMMIT_AUDIT_LOG_USERS} shows. Any
 * thread may add; a reader sees each account's counters as they are at that moment.
 */
final class UserCommits {
    /** user NUL host → {commits, rows}. */
    private final Map<String, LongAdder[]> byAccount = new ConcurrentHashMap<>();

    void add(String user, String host, long rows) {
        LongAdder[] c = byAccount.computeIfAbsent(user + '\0' + host, a -> new LongAdder[] {new LongAdder(), new LongAdder()});
        c[0].increment();
        c[1].add(rows);
    }

    void clear() {
        byAccount.clear();
    }

    /** One row per account: USER, HOST, COMMITS, ROWS_CHANGED. */
    List<List<Object>> rows() {
        List<List<Object>> rows = new ArrayList<>();
        byAccount.forEach((a, c) -> {
            int nul = a.indexOf('\0');
            rows.add(List.of(a.substring(0, nul), a.substring(nul + 1), c[0].sum(), c[1].sum()));
        });
        return rows;
    }
}
