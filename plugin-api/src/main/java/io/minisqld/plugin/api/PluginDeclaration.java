package io.minisqld.plugin.api;

import io.minisqld.plugin.api.variables.StatusVariable;
import io.minisqld.plugin.api.variables.SystemVariable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One plugin, as MySQL's {@code st_mysql_plugin} declares it: identity, the variables it brings,
 * and its lifecycle. A {@link PluginLibrary} returns one or more of these.
 *
 * <p>Lifecycle, as the server drives it (all on the thread running INSTALL, UNINSTALL, start-up
 * or shutdown, never concurrently for one plugin):
 * <ol>
 *   <li>the server creates the plugin's system variables (named {@code <plugin name>_<name>}),
 *       applying option-file and command-line values ({@code loose-<plugin>-<name>=…});</li>
 *   <li>{@link #init} runs; it registers observers and starts threads through the context. If it
 *       throws, INSTALL fails with ERROR 1123 and everything is undone (the server unregisters
 *       whatever the plugin registered through the context);</li>
 *   <li>the status variables appear in SHOW STATUS;</li>
 *   <li>on UNINSTALL (or shutdown, in reverse order of initialisation) {@link #uninstallBlocker()}
 *       may refuse with ERROR 1883; then {@link #deinit} runs once no statement uses the plugin:
 *       it must unregister its observers and stop its threads. A deinit that throws is logged
 *       and ignored; the server then removes anything the plugin left registered.</li>
 * </ol>
 */
public interface PluginDeclaration {

    /** The plugin's name, case-insensitive identity (e.g. {@code rpl_semi_sync_master}). */
    String name();

    PluginType type();

    String author();

    String description();

    PluginLicense license();

    /** The version as MySQL encodes it: {@code 0x0100} is shown as {@code 1.0}. */
    int version();

    default Set<PluginFlag> flags() {
        return Set.of();
    }

    /**
     * The plugin's system variables, with names relative to the plugin ({@code timeout} for
     * {@code rpl_semi_sync_master_timeout}). Update callbacks run on the thread doing SET GLOBAL.
     */
    default List<SystemVariable> systemVariables() {
        return List.of();
    }

    /** The plugin's status variables, with their full names as SHOW STATUS prints them. */
    default List<StatusVariable> statusVariables() {
        return List.of();
    }

    /** Starts the plugin; throw to refuse (ERROR 1123 "Plugin initialization function failed."). */
    void init(PluginContext context) throws Exception;

    /** Stops the plugin: unregister observers, end threads. Errors are logged and ignored. */
    void deinit(PluginContext context) throws Exception;

    /**
     * Asked before UNINSTALL: a reason text refuses it with ERROR 1883
     * "Plugin '%s' cannot be uninstalled now. %s" (e.g. semisync's "Stop any active
     * semisynchronous slaves of this master first.").
     */
    default Optional<String> uninstallBlocker() {
        return Optional.empty();
    }

    /**
     * A {@link PluginType#VALIDATE_PASSWORD} plugin's checks, active from a successful
     * {@link #init} to UNINSTALL (plugin API 1.1). Required of that type (without it INSTALL fails
     * with 1123); other types are not asked.
     */
    default PasswordValidator passwordValidator() {
        return null;
    }

    /**
     * A {@link PluginType#INFORMATION_SCHEMA} plugin's table, {@code information_schema.<plugin
     * name>}, there from a successful {@link #init} to UNINSTALL (plugin API 1.1). Required of that
     * type; other types are not asked.
     */
    default InformationSchemaTable informationSchemaTable() {
        return null;
    }
}
