package io.minisqld.server.plugin;

import java.util.Locale;
import java.util.Optional;

/**
 * The activation option {@code --<plugin>[=OFF|ON|FORCE|FORCE_PLUS_PERMANENT]} (spec
 * plugin-framework.md §A.8), shown as LOAD_OPTION.
 */
public enum LoadOption {
    /** Registered DISABLED; init is not called and the plugin's variables are not created. */
    OFF,
    /** The default: an init failure removes the plugin and the server keeps running. */
    ON,
    /** An init failure at start-up stops the server. */
    FORCE,
    /** As FORCE, and UNINSTALL PLUGIN refuses it (1702). */
    FORCE_PLUS_PERMANENT;

    /**
     * Parses an option value as my_getopt's enum type does: a name (any case) or its index
     * {@code 0..3}; no value ({@code --plugin} alone) means ON. Empty for anything else, which
     * MySQL treats as an option parse failure (the plugin is then DISABLED).
     */
    public static Optional<LoadOption> parse(String value) {
        if (value == null) return Optional.of(ON);
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (LoadOption o : values()) {
            if (o.name().equals(v) || Integer.toString(o.ordinal()).equals(v)) return Optional.of(o);
        }
        return Optional.empty();
    }

    /** FORCE and FORCE_PLUS_PERMANENT: the server must not run without the plugin. */
    public boolean mandatory() {
        return this == FORCE || this == FORCE_PLUS_PERMANENT;
    }
}
