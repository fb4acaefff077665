package io.minisqld.server.options;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The option files mysqld reads when neither {@code --defaults-file} nor {@code --no-defaults} is
 * given (spec plugin-framework.md §D.1): {@code globalFiles} first, then the
 * {@code --defaults-extra-file}, then {@code userFiles}. Missing files are skipped silently.
 * Injectable so that tests never read the machine's own files.
 *
 * @param globalFiles files read before the extra file ({@code /etc/my.cnf}, {@code /etc/mysql/my.cnf},
 *                    {@code $MYSQL_HOME/my.cnf})
 * @param userFiles   files read after the extra file ({@code ~/.my.cnf})
 */
public record DefaultFileLocations(List<Path> globalFiles, List<Path> userFiles) {

    public DefaultFileLocations {
        globalFiles = List.copyOf(globalFiles);
        userFiles = List.copyOf(userFiles);
    }

    /** No default files at all: only {@code --defaults-extra-file} (if given) and the command line. */
    public static DefaultFileLocations none() {
        return new DefaultFileLocations(List.of(), List.of());
    }

    /**
     * MySQL's Unix search list. As in mysys, a directory named twice is read only once, at its
     * last position, so that the precedence of the later place holds.
     *
     * @param env      the environment ({@code MYSQL_HOME} is read from it)
     * @param userHome the user's home directory, or {@code null} to skip {@code ~/.my.cnf}
     */
    public static DefaultFileLocations standard(Map<String, String> env, Path userHome) {
        List<Path> global = new ArrayList<>();
        addUnique(global, Path.of("/etc/my.cnf"));
        addUnique(global, Path.of("/etc/mysql/my.cnf"));
        String mysqlHome = env.get("MYSQL_HOME");
        if (mysqlHome != null && !mysqlHome.isEmpty()) {
            addUnique(global, Path.of(mysqlHome).resolve("my.cnf"));
        }
        List<Path> user = new ArrayList<>();
        if (userHome != null) {
            Path home = userHome.resolve(".my.cnf").toAbsolutePath().normalize();
            global.remove(home);
            user.add(home);
        }
        return new DefaultFileLocations(global, user);
    }

    /** The search list of this process: real environment and {@code user.home}. */
    public static DefaultFileLocations system() {
        String home = System.getProperty("user.home");
        return standard(System.getenv(), home == null || home.isEmpty() ? null : Path.of(home));
    }

    private static void addUnique(List<Path> files, Path file) {
        Path normalized = file.toAbsolutePath().normalize();
        files.remove(normalized);
        files.add(normalized);
    }
}
