package io.minisqld.server.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.minisqld.server.error.SqlError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SonameResolverTest {
    @TempDir
    Path dir;

    @Test
    void nativeSuffixesAndBareNamesMapToJar() {
        assertEquals("semisync_master.jar", SonameResolver.jarName("semisync_master.so"));
        assertEquals("semisync_master.jar", SonameResolver.jarName("semisync_master.dll"));
        assertEquals("x.jar", SonameResolver.jarName("x.dylib"));
        assertEquals("ha_example.jar", SonameResolver.jarName("ha_example"));
        assertEquals("lib.jar", SonameResolver.jarName("lib.jar"));
    }

    @Test
    void directoriesDotsEmptyAndLongNamesAre1124() {
        for (String bad : new String[] {"a/b.so", "a\\b.so", "../x.so", "..", "", "x".repeat(65)}) {
            SqlError e = assertThrows(SqlError.class, () -> new SonameResolver(dir).resolve(bad), bad);
            assertEquals(1124, e.number());
            assertEquals("HY000", e.sqlState());
            assertEquals("No paths allowed for shared library", e.getMessage());
        }
    }

    @Test
    void missingLibraryIs1126WithTheFullPathAndErrno2() {
        SqlError e = assertThrows(SqlError.class, () -> new SonameResolver(dir).resolve("nope.so"));
        assertEquals(1126, e.number());
        assertEquals("Can't open shared library '" + dir.toAbsolutePath().normalize().resolve("nope.jar")
                + "' (errno: 2 cannot open shared object file: No such file or directory)", e.getMessage());
    }

    @Test
    void existingJarIsFoundUnderEverySpelling() throws Exception {
        Path jar = Files.createFile(dir.resolve("lib.jar"));
        SonameResolver r = new SonameResolver(dir);
        Path expected = jar.toAbsolutePath().normalize();
        assertEquals(expected, r.resolve("lib.so"));
        assertEquals(expected, r.resolve("lib.dll"));
        assertEquals(expected, r.resolve("lib"));
        assertEquals(expected, r.resolve("lib.jar"));
    }

    @Test
    void loadOptionParsesNamesIndexesAndBareOption() {
        assertEquals(Optional.of(LoadOption.ON), LoadOption.parse(null));
        assertEquals(Optional.of(LoadOption.OFF), LoadOption.parse("off"));
        assertEquals(Optional.of(LoadOption.OFF), LoadOption.parse("0"));
        assertEquals(Optional.of(LoadOption.ON), LoadOption.parse("1"));
        assertEquals(Optional.of(LoadOption.FORCE_PLUS_PERMANENT), LoadOption.parse("Force_Plus_Permanent"));
        assertEquals(Optional.empty(), LoadOption.parse("maybe"));
    }
}
