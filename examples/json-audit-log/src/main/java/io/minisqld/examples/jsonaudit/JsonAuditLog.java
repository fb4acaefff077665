package io.minisqld.examples.jsonaudit;

import io.minisqld.plugin.api.BasicPluginDeclaration;
import io.minisqld.plugin.api.PluginContext;
import io.minisqld.plugin.api.PluginLicense;
import io.minisqld.plugin.api.PluginType;
import io.minisqld.plugin.api.observer.AuditEvent;
import io.minisqld.plugin.api.observer.AuditEventSubclass;
import io.minisqld.plugin.api.observer.AuditEventSubclass.AuditEventClass;
import io.minisqld.plugin.api.observer.AuditObserver;
import io.minisqld.plugin.api.observer.ObserverFamily;
import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import io.minisqld.plugin.api.variables.VariableType;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The {@code json_audit_log} AUDIT plugin, in the manner of the audit-log plugins MySQL users
 * know: one JSON line per event in a file in the datadir. Variables (global):
 * <ul>
 *   <li>{@code json_audit_log_file} (read-only, {@code audit.json});</li>
 *   <li>{@code json_audit_log_events}: which event classes are written, a SET of CONNECTION, QUERY,
 *       TABLE_ACCESS, GENERAL, COMMAND, SERVER (default CONNECTION,QUERY,TABLE_ACCESS,SERVER);</li>
 *   <li>{@code json_audit_log_deny_tables}: {@code db.table} names, comma separated, whose reading
 *       or writing the plugin refuses: the statement fails with 3164 (default empty);</li>
 *   <li>{@code json_audit_log_rotate_on_size} (bytes, 0: never) and {@code json_audit_log_rotations}
 *       (files kept, 3).</li>
 * </ul>
 * Status {@code Json_audit_log_events_written} counts the lines since init or FLUSH STATUS.
 */
final class JsonAuditLog extends BasicPluginDeclaration {
    private static final List<String> CLASSES = List.of("CONNECTION", "QUERY", "TABLE_ACCESS", "GENERAL", "COMMAND",
            "SERVER");

    private final LongAdder written = new LongAdder();
    private volatile Set<AuditEventSubclass> subscribed = subclassesOf("CONNECTION,QUERY,TABLE_ACCESS,SERVER");
    private volatile Set<String> denied = Set.of();
    private volatile RotatingFile file;
    private volatile long rotateOnSize;
    private volatile int rotations = 3;

    private final AuditObserver observer = new AuditObserver() {
        @Override
        public Set<AuditEventSubclass> subscriptions() {
            return subscribed;
        }

        @Override
        public int notify(AuditEvent event) {
            RotatingFile f = file;
            if (f != null) {
                f.append(EventLine.of(Clock.systemUTC().instant(), event));
                written.increment();
            }
            // refusing a table: the statement fails with 3164 ('MYSQL_AUDIT_TABLE_ACCESS_READ';1)
            if (event instanceof AuditEvent.TableAccess t && !denied.isEmpty()
                    && denied.contains((t.database() + "." + t.table()).toLowerCase(Locale.ROOT))) {
                return 1;
            }
            return 0;
        }
    };

    private final List<SystemVariable> variables = List.of(
            SystemVariable.readOnly("file", new VariableType.StringType(), "audit.json")
                    .withComment("The audit file; a relative path is relative to the datadir"),
            SystemVariable.global("events", new VariableType.SetType(CLASSES), "CONNECTION,QUERY,TABLE_ACCESS,SERVER")
                    .withComment("The event classes written")
                    .onUpdate(v -> subscribed = subclassesOf(v.toString())),
            SystemVariable.global("deny_tables", new VariableType.StringType(), "")
                    .withComment("db.table names whose access is refused (3164), comma separated")
                    .onUpdate(v -> denied = tablesOf(v == null ? "" : v.toString())),
            SystemVariable.global("rotate_on_size", VariableType.IntegerType.of(0, Long.MAX_VALUE), 0L)
                    .withComment("Rotate the file once it reaches this many bytes; 0: never")
                    .onUpdate(v -> {
                        rotateOnSize = ((Number) v).longValue();
                        RotatingFile f = file;
                        if (f != null) f.setRotateOnSize(rotateOnSize);
                    }),
            SystemVariable.global("rotations", VariableType.IntegerType.of(1, 100), 3L)
                    .withComment("How many rotated files are kept")
                    .onUpdate(v -> {
                        rotations = ((Number) v).intValue();
                        RotatingFile f = file;
                        if (f != null) f.setRotations(rotations);
                    }));

    private final List<StatusVariable> status = List.of(
            StatusVariable.resettable("Json_audit_log_events_written", written::sum, written::reset));

    JsonAuditLog() {
        super("json_audit_log", PluginType.AUDIT, "minisqld", "One JSON line per audit event", PluginLicense.GPL, 0x0100);
    }

    /** The subclasses of the named classes (SERVER: start-up and shutdown). */
    static Set<AuditEventSubclass> subclassesOf(String classes) {
        Set<String> names = Arrays.stream(classes.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        EnumSet<AuditEventSubclass> out = EnumSet.noneOf(AuditEventSubclass.class);
        for (AuditEventSubclass s : AuditEventSubclass.values()) {
            AuditEventClass c = s.eventClass();
            String name = c == AuditEventClass.SERVER_STARTUP || c == AuditEventClass.SERVER_SHUTDOWN ? "SERVER" : c.name();
            if (names.contains(name)) out.add(s);
        }
        return Set.copyOf(out);
    }

    static Set<String> tablesOf(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<SystemVariable> systemVariables() {
        return variables;
    }

    @Override
    public List<StatusVariable> statusVariables() {
        return status;
    }

    @Override
    public void init(PluginContext context) throws IOException {
        subscribed = subclassesOf(context.variable("json_audit_log_events").map(Object::toString)
                .orElse("CONNECTION,QUERY,TABLE_ACCESS,SERVER"));
        denied = tablesOf(context.variable("json_audit_log_deny_tables").map(Object::toString).orElse(""));
        rotateOnSize = context.variable("json_audit_log_rotate_on_size").map(v -> ((Number) v).longValue()).orElse(0L);
        rotations = context.variable("json_audit_log_rotations").map(v -> ((Number) v).intValue()).orElse(3);
        String name = context.variable("json_audit_log_file").map(Object::toString).orElse("audit.json");
        written.reset();
        file = new RotatingFile(context.server().datadir().resolve(name), rotateOnSize, rotations);
        context.observers().register(ObserverFamily.AUDIT, observer);
        context.log().note("writing audit events to " + name);
    }

    @Override
    public void deinit(PluginContext context) throws IOException {
        // unregistering waits for events being written, so none is inside append() at close
        context.observers().unregister(ObserverFamily.AUDIT, observer);
        RotatingFile f = file;
        file = null;
        if (f != null) f.close();
    }
}
