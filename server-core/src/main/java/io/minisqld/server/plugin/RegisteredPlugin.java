package io.minisqld.server.plugin;

import io.minisqld.plugin.api.PluginDeclaration;
import java.util.ArrayList;
import java.util.List;

/**
 * One registered plugin (MySQL's {@code st_plugin_int}): its declaration, the library it came
 * from, its activation option, its context, what it registered with the server, and its state.
 * The mutable fields are guarded by the registry's install lock; {@link #state} is also read
 * without it (SHOW PLUGINS reads the published list).
 */
final class RegisteredPlugin {
    final PluginDeclaration declaration;
    final String name;
    /** The SONAME as typed at INSTALL or in plugin-load (SHOW PLUGINS prints it). */
    final String soname;
    final SharedLibrary library;
    final LoadOption loadOption;
    final ServerPluginContext context;
    /** The full names of the system variables registered for it. */
    final List<String> variableNames = new ArrayList<>();
    /** The names of the status variables registered for it (only while READY). */
    final List<String> statusNames = new ArrayList<>();
    volatile PluginState state = PluginState.UNINITIALIZED;
    /** Init succeeded once: deinit must run when it goes. */
    boolean initialised;
    /** What the last init threw, or null. */
    Throwable initFailure;
    /** Gone: deinit ran or it never ran; nothing of it is left in the server. */
    boolean reaped;
    /** Position in the order of successful inits; shutdown deinitialises in reverse. */
    int initOrder;

    RegisteredPlugin(PluginDeclaration declaration, String soname, SharedLibrary library, LoadOption loadOption,
                     ServerPluginContext context) {
        this.declaration = declaration;
        this.name = declaration.name();
        this.soname = soname;
        this.library = library;
        this.loadOption = loadOption;
        this.context = context;
    }
}
