package io.minisqld.server.statements;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.session.Session;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The files the server itself reads and writes for a client (LOAD DATA INFILE without LOCAL,
 * SELECT … INTO OUTFILE | DUMPFILE), under MySQL's {@code secure_file_priv}: NULL (the default
 * here) forbids them (1290), an empty value allows any path, a directory allows the files in it.
 * A relative name is in the default database's directory of the datadir, as MySQL resolves it.
 */
final class ServerFiles {
    private final ServerContext server;

    ServerFiles(ServerContext server) {
        this.server = server;
    }

    /** The path {@code name} names, or 1290 when secure_file_priv does not allow it. */
    Path allowed(Session s, String name) {
        String priv = server.variables().globalString("secure_file_priv");
        if (priv == null) throw ErrorCode.ER_OPTION_PREVENTS_STATEMENT.error("--secure-file-priv");
        Path datadir = Path.of(server.variables().globalString("datadir")).toAbsolutePath();
        Path path = Path.of(name);
        if (!path.isAbsolute()) path = datadir.resolve(s.database() == null ? "" : s.database()).resolve(path);
        path = path.normalize();
        if (!priv.isEmpty() && !path.startsWith(Path.of(priv).toAbsolutePath().normalize())) {
            throw ErrorCode.ER_OPTION_PREVENTS_STATEMENT.error("--secure-file-priv");
        }
        return path;
    }

    byte[] read(Session s, String name) {
        Path path = allowed(s, name);
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw ErrorCode.ER_FILE_NOT_FOUND.error(path, 2, "No such file or directory");
        } catch (IOException e) {
            throw ErrorCode.ER_FILE_NOT_FOUND.error(path, 13, e.getMessage());
        }
    }

    /** Writes a new file (1086 when it exists, as MySQL never overwrites one) and forces it to disk. */
    void create(Session s, String name, byte[] content) {
        Path path = allowed(s, name);
        try {
            Files.write(path, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC);
        } catch (FileAlreadyExistsException e) {
            throw ErrorCode.ER_FILE_EXISTS_ERROR.error(name);
        } catch (NoSuchFileException e) {
            throw ErrorCode.ER_CANT_CREATE_FILE.error(path, 2, "No such file or directory");
        } catch (IOException e) {
            throw ErrorCode.ER_CANT_CREATE_FILE.error(path, 13, e.getMessage());
        }
    }
}
