package io.minisqld.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * MySQL's {@code auto.cnf}: the server's UUID ({@code server_uuid}), generated into the datadir at
 * the first start that finds none and read at every later one, so that a server keeps its identity
 * across restarts and replicas can tell their source from themselves. The file is MySQL's:
 * {@code [auto]} then {@code server-uuid=…}.
 */
final class AutoCnf {
    static final String FILE = "auto.cnf";
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private AutoCnf() {
    }

    /**
     * The datadir's server UUID, written there first when there is no {@code auto.cnf}.
     *
     * @throws StartupException when the file exists but holds no valid UUID (MySQL refuses to start)
     */
    static String serverUuid(Path datadir, Logger log) throws IOException, StartupException {
        Path file = datadir.resolve(FILE);
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.trim();
                if (t.startsWith("server-uuid") || t.startsWith("server_uuid")) {
                    String value = t.substring(t.indexOf('=') + 1).trim();
                    if (UUID_TEXT.matcher(value).matches()) return value.toLowerCase(java.util.Locale.ROOT);
                }
            }
            throw new StartupException("Initialization of the server's UUID failed because it could not be read from"
                    + " the auto.cnf file. If this is a new server, the initialization failed because it was not"
                    + " possible to generate a new UUID.", null);
        }
        String uuid = UUID.randomUUID().toString();
        log.warn("No existing UUID has been found, so we assume that this is the first time that this server has"
                + " been started. Generating a new UUID: {}.", uuid);
        Path tmp = datadir.resolve(FILE + ".tmp");
        Files.writeString(tmp, "[auto]\nserver-uuid=" + uuid + "\n", StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return uuid;
    }
}
