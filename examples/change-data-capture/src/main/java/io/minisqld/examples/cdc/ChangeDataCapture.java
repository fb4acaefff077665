package io.minisqld.examples.cdc;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code change_data_capture} plugin: change data capture from the transaction hooks (plugin
 * API 1.2's row changes). Each committed transaction's changed rows become JSON lines in a file,
 * one per row, with the binlog position the transaction ends at ({@link ChangeLine}), in commit
 * order; rolled-back transactions write nothing. A table named in {@code deny_table} cannot be
 * changed: a transaction that changed it fails at COMMIT ({@code before_commit} refuses it, the
 * server answers 3100 and rolls it back, nothing reaches the binlog).
 *
 * <p>Variables ({@code <plugin>_<name>}):
 * <ul>
 *   <li>{@code change_data_capture_file}: STRING, read-only, default {@code changes.jsonl}, relative
 *       to the datadir;</li>
 *   <li>{@code change_data_capture_deny_table}: STRING, dynamic, {@code db.table} or empty;</li>
 *   <li>status {@code Change_data_capture_rows_written}.</li>
 * </ul>
 */
final class ChangeDataCapture extends BasicPluginDeclaration {
    static final String NAME = "change_data_capture";

    private final LongAdder rowsWritten = new LongAdder();
    private final List<SystemVariable> systemVariables;
    private final List<StatusVariable> statusVariables;
    /** The observer while the plugin is initialised, else null. */
    private volatile ChangeObserver observer;
    /** The last value of deny_table, also when set before init. */
    private volatile String denyTable = "";

    ChangeDataCapture() {
        super(NAME, PluginType.AUDIT, "minisqld", "Writes one JSON line per committed row change", PluginLicense.GPL,
                0x0100);
        systemVariables = List.of(
                SystemVariable.readOnly("file", new VariableType.StringType(), "changes.jsonl")
                        .withComment("The JSON lines file; a relative path is relative to the datadir"),
                SystemVariable.global("deny_table", new VariableType.StringType(), "")
                        .withComment("db.table that no transaction may change (empty: none)")
                        .onUpdate(value -> {
                            denyTable = value == null ? "" : (String) value;
                            ChangeObserver o = observer;
                            if (o != null) o.denyTable(denyTable);
                        }));
        statusVariables = List.of(StatusVariable.resettable("Change_data_capture_rows_written", rowsWritten::sum,
                rowsWritten::reset));
    }

    @Override
    public List<SystemVariable> systemVariables() {
        return systemVariables;
    }

    @Override
    public List<StatusVariable> statusVariables() {
        return statusVariables;
    }

    @Override
    public void init(PluginContext context) throws IOException {
        String file = context.variable(NAME + "_file").map(String.class::cast).orElse("changes.jsonl");
        String deny = context.variable(NAME + "_deny_table").map(String.class::cast).orElse(denyTable);
        ChangesFile changes = ChangesFile.open(context.server().datadir().resolve(file));
        rowsWritten.reset();
        ChangeObserver o = new ChangeObserver(changes, rowsWritten, deny);
        try {
            context.observers().register(ObserverFamily.TRANSACTION, o);
        } catch (RuntimeException e) {
            changes.close();
            throw e;
        }
        observer = o;
    }

    @Override
    public void deinit(PluginContext context) throws IOException {
        ChangeObserver o = observer;
        if (o == null) return;
        // waits for hooks in progress: no commit is writing when the file closes
        context.observers().unregister(ObserverFamily.TRANSACTION, o);
        observer = null;
        o.file().close();
    }
}
