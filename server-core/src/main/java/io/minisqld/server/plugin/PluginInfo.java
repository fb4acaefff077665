package io.minisqld.server.plugin;

/**
 * One row of INFORMATION_SCHEMA.PLUGINS (spec plugin-framework.md §B.1); SHOW PLUGINS shows
 * name, status, type, library and license.
 *
 * @param library        the SONAME as typed at INSTALL (or in plugin-load); null for built-ins
 * @param libraryVersion the library's interface version, {@code major.minor}; null for built-ins
 */
public record PluginInfo(String name, String version, String status, String type, String typeVersion,
                         String library, String libraryVersion, String author, String description,
                         String license, String loadOption) {

    /** MySQL prints a plugin or interface version {@code 0x0102} as {@code 1.2}. */
    public static String versionText(int version) {
        return (version >> 8) + "." + (version & 0xff);
    }
}
