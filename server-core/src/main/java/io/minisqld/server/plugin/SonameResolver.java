package io.minisqld.server.plugin;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Maps a SONAME to a jar in {@code plugin_dir} (spec plugin-framework.md §E.7): MySQL scripts name
 * {@code x.so} (or {@code .dll}, {@code .dylib}) and get {@code x.jar}; a name without extension
 * gets {@code .jar} appended, as MariaDB appends {@code .so}; {@code x.jar} is taken literally.
 * The library must sit directly in {@code plugin_dir} ({@code plugin_dl_add}'s path check).
 */
public final class SonameResolver {
    /** MySQL's NAME_CHAR_LEN limit for a SONAME. */
    public static final int MAX_SONAME = 64;

    private static final String[] NATIVE_SUFFIXES = {".so", ".dll", ".dylib"};

    private final Path pluginDir;

    public SonameResolver(Path pluginDir) {
        this.pluginDir = pluginDir.toAbsolutePath().normalize();
    }

    public Path pluginDir() {
        return pluginDir;
    }

    /**
     * The jar a SONAME names. Throws 1124 for a name with a directory part (either separator on
     * every OS, or {@code ..}), an empty or over-long name; 1126 with the full path, errno 2 and
     * dlopen's text when no such file exists, errno 13 when it cannot be read.
     */
    public Path resolve(String soname) {
        checkName(soname);
        Path jar = pluginDir.resolve(jarName(soname));
        if (!Files.isRegularFile(jar)) {
            throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(jar.toString(), 2,
                    "cannot open shared object file: No such file or directory");
        }
        if (!Files.isReadable(jar)) {
            throw ErrorCode.ER_CANT_OPEN_LIBRARY.error(jar.toString(), 13,
                    "cannot open shared object file: Permission denied");
        }
        return jar;
    }

    /** 1124 unless the SONAME is a plain file name of at most 64 characters. */
    public static void checkName(String soname) throws SqlError {
        if (soname == null || soname.isEmpty() || soname.length() > MAX_SONAME || soname.contains("/")
                || soname.contains("\\") || soname.contains("..")) {
            throw ErrorCode.ER_UDF_NO_PATHS.error();
        }
    }

    /** The file name a (valid) SONAME resolves to in {@code plugin_dir}. */
    public static String jarName(String soname) {
        String lower = soname.toLowerCase(Locale.ROOT);
        for (String suffix : NATIVE_SUFFIXES) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return soname.substring(0, soname.length() - suffix.length()) + ".jar";
            }
        }
        // MariaDB's fix_dl_name: no extension at all gets the platform's (ours is .jar)
        return soname.indexOf('.') < 0 ? soname + ".jar" : soname;
    }
}
