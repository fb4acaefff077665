package io.minisqld.plugintests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/writing-plugins.md builds a plugin project file by file; examples/plugin-template is that
 * project, built and tested by the reactor. The guide's listings and the template's files are the
 * same text, so a newcomer who types the guide or copies the template gets what the build tested.
 */
class GuideTemplateTest {
    private static final Path ROOT = Path.of("..");
    private static final Path TEMPLATE = ROOT.resolve("examples/plugin-template");
    /** A listing: "`path`:" (or "### pom.xml"), a blank line, then a fenced java or xml block. */
    private static final Pattern LISTING = Pattern.compile(
            "(?:`([^`\\n]+\\.(?:java|xml))`:|### (pom\\.xml))\\n\\n```(?:java|xml)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theTemplateIsTheGuidesProjectFileForFile() throws IOException {
        Map<String, String> listed = new LinkedHashMap<>();
        Matcher m = LISTING.matcher(Files.readString(ROOT.resolve("docs/writing-plugins.md")));
        while (m.find()) listed.put(m.group(1) != null ? m.group(1) : m.group(2), m.group(3));
        Map<String, String> template = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(TEMPLATE)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = TEMPLATE.relativize(f).toString();
                if (rel.startsWith("target")) continue;
                template.put(rel, Files.readString(f));
            }
        }
        assertEquals(new java.util.TreeSet<>(template.keySet()), new java.util.TreeSet<>(listed.keySet()),
                "the template's files and the guide's listings");
        for (var e : listed.entrySet()) assertEquals(e.getValue(), template.get(e.getKey()), e.getKey());
    }
}
