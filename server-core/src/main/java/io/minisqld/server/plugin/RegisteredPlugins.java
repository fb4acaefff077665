package io.minisqld.server.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins registered now, by name (MySQL's {@code plugin_hash}; names are case-insensitive),
 * in registration order. Changed only under the registry's install lock, which guards
 * {@link #byName}; every change is {@link #publish}ed as an immutable snapshot that SHOW PLUGINS
 * and the state queries read without the lock.
 */
final class RegisteredPlugins {
    /** Guarded by the install lock: lower-case name to plugin, in registration order. */
    private final Map<String, RegisteredPlugin> byName = new LinkedHashMap<>();
    /** The registered plugins in registration order, replaced whole under the lock; read freely. */
    private volatile List<RegisteredPlugin> published = List.of();

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Install lock held: the plugin registered as {@code name} (any case). */
    Optional<RegisteredPlugin> get(String name) {
        return Optional.ofNullable(byName.get(key(name)));
    }

    /** Install lock held: whether {@code name} is taken by a registered or built-in plugin. */
    boolean taken(String name) {
        return byName.containsKey(key(name)) || BuiltinPlugins.isBuiltin(name);
    }

    /** Install lock held: a copy of the registered plugins, in registration order. */
    List<RegisteredPlugin> all() {
        return new ArrayList<>(byName.values());
    }

    /** Install lock held. */
    void add(RegisteredPlugin plugin) {
        byName.put(key(plugin.name), plugin);
        publish();
    }

    /** Install lock held. */
    void remove(RegisteredPlugin plugin) {
        byName.remove(key(plugin.name));
        publish();
    }

    /** Install lock held: makes the current plugins and their states visible to {@link #published()}. */
    void publish() {
        published = List.copyOf(byName.values());
    }

    /** The plugins as last published, in registration order; no lock needed. */
    List<RegisteredPlugin> published() {
        return published;
    }

    /** The published plugin named {@code name} (any case); no lock needed. */
    Optional<RegisteredPlugin> findPublished(String name) {
        for (RegisteredPlugin p : published) {
            if (p.name.equalsIgnoreCase(name)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
