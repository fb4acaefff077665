package io.minisqld.examples.cdc;

import io.minisqld.plugin.api.observer.RowChange;
import io.minisqld.plugin.api.observer.TransactionObserver;
import io.minisqld.plugin.api.observer.TransactionParam;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The transaction hooks: {@code before_commit} refuses a transaction that changed the denied table
 * (the server turns the exception into 3100 and rolls the transaction back); {@code after_commit}
 * writes the committed transaction's rows. {@code after_commit} runs on the committing thread
 * before the client's OK, in commit order, so the file's lines are in commit order and a client
 * that saw its COMMIT succeed finds its rows there.
 */
final class ChangeObserver implements TransactionObserver {
    private final ChangesFile file;
    private final LongAdder written;
    private volatile String denyTable;

    ChangeObserver(ChangesFile file, LongAdder written, String denyTable) {
        this.file = file;
        this.written = written;
        denyTable(denyTable);
    }

    ChangesFile file() {
        return file;
    }

    void denyTable(String table) {
        denyTable = table == null ? "" : table.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public void beforeCommit(TransactionParam param) {
        String deny = denyTable;
        if (deny.isEmpty()) return;
        for (RowChange r : param.context().rowChanges()) {
            if ((r.database() + "." + r.table()).toLowerCase(Locale.ROOT).equals(deny)) {
                throw new IllegalStateException("change_data_capture: the transaction changed " + deny
                        + ", which change_data_capture_deny_table protects");
            }
        }
    }

    @Override
    public void afterCommit(TransactionParam param) {
        // only what the binlog recorded: a replica or a CDC consumer can resume from the position
        if (!param.logged() || param.context().rowChanges().isEmpty()) return;
        List<String> lines = new ArrayList<>();
        int n = 0;
        for (RowChange r : param.context().rowChanges()) {
            lines.add(ChangeLine.of(param, n++, r));
        }
        file.append(lines);
        written.add(lines.size());
    }
}
