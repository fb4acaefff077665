package io.minisqld.server;

import io.minisqld.server.log.ErrorLog;
import io.minisqld.server.options.ServerOptions;
import io.minisqld.server.replication.replica.ReplicaService;
import io.minisqld.server.variables.SqlModePolicy;
import io.minisqld.server.variables.SystemVariables;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services that follow a system variable the declarations cannot reach: the error log's
 * verbosity and the relay log's maximum size, at start-up and after each SET GLOBAL. Ends the
 * option phase ({@link SystemVariables#startRunning()}), after which start-up-only values are
 * refused at SET.
 */
final class RuntimeSettings {
    private static final Logger log = LoggerFactory.getLogger(RuntimeSettings.class);

    private RuntimeSettings() {
    }

    static void follow(SystemVariables variables, ServerOptions options, ErrorLog errorLog, ReplicaService replica) {
        // MySQL 5.7 reads --log-warnings as the verbosity one above it, unless --log-error-verbosity is given
        if (options.find("log_warnings").isPresent() && options.find("log_error_verbosity").isEmpty()) {
            variables.initGlobal("log_error_verbosity", Math.min(variables.globalLong("log_warnings"), 2L) + 1);
        }
        variables.initGlobal("log_warnings", variables.globalLong("log_error_verbosity") - 1);
        Runnable verbosity = () -> errorLog.setVerbosity((int) variables.globalLong("log_error_verbosity"));
        verbosity.run();
        variables.onGlobalChange("log_error_verbosity", v -> verbosity.run());
        variables.onGlobalChange("log_warnings", v -> verbosity.run());
        variables.onGlobalChange("max_relay_log_size", v -> replica.applyMaxRelayLogSize());
        List<String> kept = SqlModePolicy.kept(variables.globalString("sql_mode"));
        if (!kept.isEmpty()) log.warn("This version of MySQL doesn't yet support '{}'", SqlModePolicy.keptWarning(kept));
        variables.startRunning();
    }
}
