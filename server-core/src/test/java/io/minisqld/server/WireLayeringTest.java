package io.minisqld.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md around the wire protocol, checked on the sources
 * (imports and fully-qualified names in code and javadoc alike): {@code wire} knows only the
 * leaves; {@code protocol} only {@code wire} and the leaves; sessions and the replication
 * services never see the protocol, the connection adapters or (for sessions) the wire; only the
 * composition root sees {@code connection}.
 */
class WireLayeringTest {
    private static final Path SOURCES = Path.of("src/main/java/io/minisqld/server");
    private static final Pattern REFERENCE = Pattern.compile("io\\.minisqld\\.server((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    /** Each main source file's package (relative to io.minisqld.server, "" for the root) and the packages it names. */
    private record Source(Path file, String pkg, Set<String> references) {
    }

    private static List<Source> sources() {
        List<Source> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(f.getParent()).toString().replace('/', '.');
                Set<String> refs = new TreeSet<>();
                Matcher m = REFERENCE.matcher(Files.readString(f));
                while (m.find()) {
                    refs.add(m.group(1).isEmpty() ? "" : m.group(1).substring(1));
                }
                refs.remove(pkg);
                out.add(new Source(f, pkg, refs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static boolean under(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** The files of packages under {@code owner} that name a package outside {@code allowed}, as "file -> package". */
    private static List<String> violations(String owner, Set<String> allowed) {
        List<String> bad = new ArrayList<>();
        for (Source s : sources()) {
            if (!under(s.pkg(), owner)) continue;
            for (String ref : s.references()) {
                if (under(ref, owner) || allowed.stream().anyMatch(a -> under(ref, a))) continue;
                bad.add(SOURCES.relativize(s.file()) + " -> " + (ref.isEmpty() ? "(root)" : ref));
            }
        }
        return bad;
    }

    /** The files of packages under any of {@code owners} that name a package under any of {@code forbidden}. */
    private static List<String> naming(Set<String> owners, Set<String> forbidden) {
        List<String> bad = new ArrayList<>();
        for (Source s : sources()) {
            if (owners.stream().noneMatch(o -> under(s.pkg(), o))) continue;
            for (String ref : s.references()) {
                if (forbidden.stream().anyMatch(f -> under(ref, f))) bad.add(SOURCES.relativize(s.file()) + " -> " + ref);
            }
        }
        return bad;
    }

    @Test
    void wireKnowsOnlyTheLeaves() {
        assertEquals(List.of(), violations("wire", Set.of("error", "result")));
    }

    @Test
    void protocolKnowsOnlyWireAndTheLeaves() {
        assertEquals(List.of(), violations("protocol", Set.of("wire", "error", "result", "log")));
    }

    @Test
    void sessionsNeverSeeTheProtocolOrTheWire() {
        assertEquals(List.of(), naming(Set.of("session"), Set.of("protocol", "wire", "connection")));
    }

    @Test
    void replicationUsesTheWireButNeverTheProtocol() {
        assertEquals(List.of(), naming(Set.of("replication"), Set.of("protocol", "connection")));
    }

    @Test
    void onlyTheCompositionRootSeesTheConnectionAdapters() {
        List<String> bad = new ArrayList<>();
        for (Source s : sources()) {
            if (s.pkg().isEmpty() || under(s.pkg(), "connection")) continue;
            if (s.references().stream().anyMatch(r -> under(r, "connection"))) bad.add(SOURCES.relativize(s.file()).toString());
        }
        assertEquals(List.of(), bad);
    }
}
