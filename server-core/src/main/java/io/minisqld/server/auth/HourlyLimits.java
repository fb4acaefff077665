package io.minisqld.server.auth;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.grant.AccountName;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * MySQL 5.7's per-hour account limits (MAX_QUERIES_PER_HOUR, MAX_UPDATES_PER_HOUR,
 * MAX_CONNECTIONS_PER_HOUR): per account, the statements, changing statements and connections
 * counted since its window opened; a window lasts an hour from the first thing it counted, and
 * FLUSH USER_RESOURCES or FLUSH PRIVILEGES start every account's again. Beyond a limit is 1226
 * naming MySQL's resource ({@code max_questions}, {@code max_updates},
 * {@code max_connections_per_hour}).
 *
 * <p>Thread-safe: one lock over the counters, taken only for accounts that have a limit.
 */
final class HourlyLimits {
    private static final long HOUR_MILLIS = 3_600_000L;

    private final LongSupplier clock;
    private final Map<AccountName, long[]> counters = new HashMap<>();

    HourlyLimits(LongSupplier clock) {
        this.clock = clock;
    }

    /** The kinds of things counted, with MySQL's names of their limits. */
    enum Kind {
        QUESTIONS("max_questions"), UPDATES("max_updates"), CONNECTIONS("max_connections_per_hour");

        private final String resource;

        Kind(String resource) {
            this.resource = resource;
        }
    }

    /** Counts one for {@code name} against {@code limit} (0: none); 1226 beyond it. */
    synchronized void count(AccountName name, Kind kind, long limit) {
        if (limit <= 0) return;
        long now = clock.getAsLong();
        // {window start, questions, updates, connections}
        long[] c = counters.computeIfAbsent(name, n -> new long[] {now, 0, 0, 0});
        if (now - c[0] >= HOUR_MILLIS) {
            c[0] = now;
            c[1] = c[2] = c[3] = 0;
        }
        int slot = kind.ordinal() + 1;
        if (c[slot] >= limit) {
            throw ErrorCode.ER_USER_LIMIT_REACHED.error(name.user(), kind.resource, limit);
        }
        c[slot]++;
    }

    /** FLUSH USER_RESOURCES / FLUSH PRIVILEGES: every window starts again. */
    synchronized void reset() {
        counters.clear();
    }
}
