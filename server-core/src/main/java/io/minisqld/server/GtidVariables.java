package io.minisqld.server;

import static io.minisqld.plugin.api.variables.SystemVariable.global;
import static io.minisqld.plugin.api.variables.SystemVariable.session;

import io.minisqld.plugin.api.variables.VariableType;
import io.minisqld.plugin.api.variables.VariableType.EnumType;
import io.minisqld.server.binlog.commit.BinlogService;
import io.minisqld.server.binlog.commit.GtidExecutedTable;
import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.gtid.Gtid;
import io.minisqld.server.gtid.GtidMode;
import io.minisqld.server.gtid.GtidSet;
import io.minisqld.server.gtid.GtidState;
import io.minisqld.server.variables.SystemVariables;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GTID variables (row-events-gtid-mts.md B.2, B.5) over the server's {@link GtidState}:
 * {@code gtid_mode} stepped one value at a time (each change logged and the binlog rotated, as
 * MySQL does), {@code enforce_gtid_consistency}, {@code gtid_executed} and {@code gtid_purged}
 * read from the state, {@code SET GLOBAL gtid_purged} on a server that executed nothing, and
 * {@code gtid_next}'s values checked against the mode.
 */
final class GtidVariables {
    private static final Logger log = LoggerFactory.getLogger(GtidVariables.class);
    private static final VariableType MODES = new EnumType(List.of("OFF", "OFF_PERMISSIVE", "ON_PERMISSIVE", "ON"));
    private static final VariableType ENFORCE = new EnumType(List.of("OFF", "ON", "WARN"));
    private static final VariableType.StringType TEXT = new VariableType.StringType();

    private GtidVariables() {
    }

    /** Replaces the start-up declarations of the GTID variables with ones that follow {@code state}. */
    static void declare(SystemVariables vars, GtidState state, Supplier<BinlogService> binlog,
                        Supplier<GtidExecutedTable> table, java.util.function.BooleanSupplier autoPositionChannel) {
        for (String n : List.of("gtid_mode", "enforce_gtid_consistency", "gtid_purged", "gtid_next")) vars.unregister(n);
        vars.register(global("gtid_mode", MODES, "OFF").withCheck(value -> {
            if (!vars.running()) return;
            GtidMode from = state.mode();
            GtidMode to = GtidMode.of(value);
            if (Math.abs(to.ordinal() - from.ordinal()) > 1) {
                throw ErrorCode.ER_GTID_MODE_CAN_ONLY_CHANGE_ONE_STEP_AT_A_TIME.error();
            }
            if (to == GtidMode.ON && !"ON".equals(vars.globalString("enforce_gtid_consistency"))) {
                throw ErrorCode.ER_CANT_SET_GTID_MODE.error("ON", "ENFORCE_GTID_CONSISTENCY is not ON");
            }
            if (to == GtidMode.OFF && autoPositionChannel.getAsBoolean()) {
                throw ErrorCode.ER_CANT_SET_GTID_MODE.error("OFF", "replication channel '' is configured in "
                        + "AUTO_POSITION mode. Execute CHANGE MASTER TO MASTER_AUTO_POSITION = 0 FOR CHANNEL '' before "
                        + "you set @@GLOBAL.GTID_MODE = OFF");
            }
        }));
        vars.onGlobalChange("gtid_mode", value -> {
            GtidMode from = state.mode();
            GtidMode to = GtidMode.of(value);
            state.mode(to);
            if (from == to) return;
            log.info("Changed GTID_MODE from {} to {}.", from, to);
            // as MySQL, a file holds transactions of one mode
            if (binlog.get() != null) binlog.get().rotate();
        });
        vars.register(global("enforce_gtid_consistency", ENFORCE, "OFF").withCheck(value -> {
            if (vars.running() && state.mode() == GtidMode.ON && !"ON".equalsIgnoreCase(String.valueOf(value))) {
                throw ErrorCode.ER_GTID_MODE_ON_REQUIRES_ENFORCE_GTID_CONSISTENCY_ON.error();
            }
        }));
        vars.normalize("enforce_gtid_consistency", v -> switch (String.valueOf(v).toUpperCase(Locale.ROOT)) {
            case "TRUE", "1" -> "ON";
            case "FALSE", "0" -> "OFF";
            default -> String.valueOf(v).toUpperCase(Locale.ROOT);
        });
        vars.register(global("gtid_purged", TEXT, "").withCheck(value -> {
            if (!vars.running()) return;
            GtidSet set = GtidSet.parse(String.valueOf(value));
            if (set.isEmpty()) return;
            if (state.mode() == GtidMode.OFF) throw ErrorCode.ER_CANT_SET_GTID_PURGED_WHEN_GTID_MODE_IS_OFF.error();
            if (!state.executed().isEmpty()) {
                throw ErrorCode.ER_CANT_SET_GTID_PURGED_WHEN_GTID_EXECUTED_IS_NOT_EMPTY.error();
            }
        }));
        vars.onGlobalChange("gtid_purged", value -> {
            GtidSet set = GtidSet.parse(String.valueOf(value));
            if (set.isEmpty()) return;
            if (binlog.get() != null) {
                binlog.get().setPurged(set);
            } else {
                state.setPurged(set);
                table.get().add(set);
            }
            log.info("@@GLOBAL.GTID_PURGED was changed from '' to '{}'.", set);
            log.info("@@GLOBAL.GTID_EXECUTED was changed from '' to '{}'.", set);
        });
        vars.register(session("gtid_next", TEXT, "AUTOMATIC").withCheck(value -> {
            String v = String.valueOf(value).strip();
            if (v.equalsIgnoreCase("AUTOMATIC")) return;
            if (v.equalsIgnoreCase("ANONYMOUS")) {
                if (state.mode() == GtidMode.ON) {
                    throw ErrorCode.ER_CANT_SET_GTID_NEXT_TO_ANONYMOUS_WHEN_GTID_MODE_IS_ON.error();
                }
                return;
            }
            Gtid.parse(v, "gtid_next");
            if (state.mode() == GtidMode.OFF) throw ErrorCode.ER_CANT_SET_GTID_NEXT_TO_GTID_WHEN_GTID_MODE_IS_OFF.error();
        }));
        vars.normalize("gtid_next", v -> {
            String t = String.valueOf(v).strip();
            if (t.equalsIgnoreCase("AUTOMATIC") || t.equalsIgnoreCase("ANONYMOUS")) return t.toUpperCase(Locale.ROOT);
            return Gtid.looksLikeOne(t) ? Gtid.parse(t, "gtid_next").toString() : t;
        });
        vars.computed("gtid_executed", () -> state.executed().toString());
        vars.computed("gtid_owned", state::ownedText);
        vars.computed("gtid_purged", () -> state.purged().toString());
    }

    /**
     * After the options: gtid_mode ON needs enforce_gtid_consistency ON (MySQL refuses to start
     * otherwise); the state takes the mode.
     */
    static void started(SystemVariables vars, GtidState state) throws StartupException {
        GtidMode mode = GtidMode.of(vars.global("gtid_mode"));
        if (mode == GtidMode.ON && !"ON".equals(vars.globalString("enforce_gtid_consistency"))) {
            throw new StartupException(ErrorCode.ER_GTID_MODE_ON_REQUIRES_ENFORCE_GTID_CONSISTENCY_ON.error().getMessage(),
                    null);
        }
        state.mode(mode);
    }
}
