package io.minisqld.examples.commitaudit;

import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes one {@link AuditLine} per committed transaction. {@code after_commit} runs after the
 * engine committed and before the client gets its OK, so when a client sees its commit succeed,
 * its line is already in the file.
 */
final class CommitObserver implements TransactionObserver {
    private final AuditFile file;
    private final Clock clock;
    private final LongAdder written;
    private volatile boolean enabled;

    private final UserCommits userCommits;

    CommitObserver(AuditFile file, Clock clock, LongAdder written, boolean enabled) {
        this(file, clock, written, enabled, new UserCommits());
    }

    CommitObserver(AuditFile file, Clock clock, LongAdder written, boolean enabled, UserCommits userCommits) {
        this.userCommits = userCommits;
        this.file = file;
        this.clock = clock;
        this.written = written;
        this.enabled = enabled;
    }

    /** {@code SET GLOBAL commit_audit_log_enabled}: takes effect for the next commit. */
    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public void afterCommit(TransactionParam param) {
        if (!enabled) return;
        // an IOException escapes as UncheckedIOException: the server logs the failed hook, the
        // commit itself stands (after_commit failures are ignored, as in MySQL)
        file.append(AuditLine.of(clock.instant(), param).text());
        written.increment();
        // the users table counts the transactions that wrote to the binlog
        if (param.logged()) userCommits.add(param.context().user(), param.context().host(), param.context().rowsAffected());
    }
}
