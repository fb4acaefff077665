package io.minisqld.server.binlog;

import io.minisqld.server.storage.FileLayer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The index file of a {@link LogFileSet} ({@code mysql-bin.index}, {@code host-relay-bin.index}):
 * one file per line, as MySQL writes it ({@code ./mysql-bin.000001} for files in the data
 * directory, the full path otherwise). Rewritten whole and atomically; readers take the last
 * element of each line, so an index MySQL wrote reads the same.
 */
public final class LogIndex {
    private final FileLayer layer;
    private final Path indexFile;
    private final Path datadir;
    private final Path directory;

    public LogIndex(FileLayer layer, LogFileLocation location) {
        this.layer = layer;
        this.indexFile = location.indexFile();
        this.datadir = location.datadir().toAbsolutePath().normalize();
        this.directory = location.directory().normalize();
    }

    /** The file names (no directory) the index lists, in order; empty when there is no index. */
    public List<String> read() throws IOException {
        if (!layer.exists(indexFile)) return List.of();
        String text = new String(layer.readAll(indexFile), StandardCharsets.UTF_8);
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            Path p = Path.of(l).getFileName();
            if (p != null) names.add(p.toString());
        }
        return names;
    }

    /** Replaces the index with these names. */
    void write(List<String> names) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String n : names) sb.append(lineFor(n)).append('\n');
        layer.replaceAtomically(indexFile, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String lineFor(String name) {
        Path file = directory.resolve(name);
        if (file.startsWith(datadir)) return "./" + datadir.relativize(file).toString().replace('\\', '/');
        return file.toString();
    }
}
