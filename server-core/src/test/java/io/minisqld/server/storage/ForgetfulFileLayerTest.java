package io.minisqld.server.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForgetfulFileLayerTest {
    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void unforcedBytesVanishForcedOnesSurvive() throws IOException {
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        Path f = dir.resolve("a.bin");
        DurableFile file = layer.create(f);
        file.write(b("forced;"));
        file.force();
        file.write(b("not forced"));
        assertEquals(17, file.size());
        assertArrayEquals(b("forced;not forced"), file.read(0, 100), "readers see unforced bytes before the crash");

        layer.powerLoss();

        assertArrayEquals(b("forced;"), Files.readAllBytes(f));
        try (DurableFile again = new RealFileLayer().open(f)) {
            assertEquals(7, again.size());
            assertArrayEquals(b("forced;"), again.read(0, 100));
        }
    }

    @Test
    void handlesDieAtPowerLoss() throws IOException {
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        DurableFile file = layer.create(dir.resolve("x"));
        layer.powerLoss();
        IOException e = assertThrows(IOException.class, () -> file.write(b("late")));
        assertTrue(e.getMessage().startsWith("power lost"), e.getMessage());
    }

    @Test
    void createdFileSurvivesEmptyBecauseTheRealLayerForcesTheDirectory() throws IOException {
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        Path f = dir.resolve("new.bin");
        DurableFile file = layer.create(f);
        file.write(b("never forced"));
        layer.powerLoss();
        assertTrue(Files.exists(f));
        assertEquals(0, Files.size(f));
    }

    @Test
    void inPlaceRewriteAndTruncateAreForgottenUntilForced() throws IOException {
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        Path f = dir.resolve("f");
        DurableFile file = layer.create(f);
        file.write(b("abcdef"));
        file.force();
        file.writeAt(1, b("X"));
        file.truncate(3);
        assertArrayEquals(b("aXc"), file.read(0, 10));
        layer.powerLoss();
        assertArrayEquals(b("abcdef"), Files.readAllBytes(f));

        ForgetfulFileLayer second = new ForgetfulFileLayer();
        try (DurableFile reopened = second.open(f)) {
            reopened.writeAt(0, b("Z"));
            reopened.force();
            reopened.truncate(2);
        }
        second.powerLoss();
        assertArrayEquals(b("Zbcdef"), Files.readAllBytes(f));
    }

    @Test
    void filesOpenedForReadRefuseWrites() throws IOException {
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        Path f = dir.resolve("r");
        try (DurableFile file = layer.create(f)) {
            file.write(b("data"));
        }
        try (DurableFile reader = layer.openForRead(f)) {
            assertArrayEquals(b("ta"), reader.read(2, 10));
            assertEquals(0, reader.read(4, 10).length);
            IOException e = assertThrows(IOException.class, () -> reader.write(b("x")));
            assertEquals("file opened for reading only", e.getMessage());
            assertThrows(IOException.class, () -> reader.truncate(0));
        }
    }

    @Test
    void existingFileOpenedLaterKeepsItsContentAsDurable() throws IOException {
        Path f = dir.resolve("old");
        Files.write(f, b("old"));
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        try (DurableFile file = layer.open(f)) {
            file.write(b("+new"));
        }
        assertArrayEquals(b("old"), layer.durableContent(f));
        layer.powerLoss();
        assertArrayEquals(b("old"), Files.readAllBytes(f));
    }

    @Test
    void directoryOperationsAreDurableAtOnce() throws IOException {
        ForgetfulFileLayer layer = new ForgetfulFileLayer();
        Path index = dir.resolve("bin.index");
        layer.replaceAtomically(index, b("one\n"));
        layer.replaceAtomically(index, b("one\ntwo\n"));
        Path gone = dir.resolve("gone");
        layer.create(gone).close();
        layer.delete(gone);
        Path from = dir.resolve("from");
        try (DurableFile file = layer.create(from)) {
            file.write(b("moved"));
            file.force();
        }
        Path to = dir.resolve("to");
        layer.rename(from, to);

        layer.powerLoss();

        assertArrayEquals(b("one\ntwo\n"), Files.readAllBytes(index));
        assertFalse(Files.exists(gone));
        assertFalse(Files.exists(from));
        assertArrayEquals(b("moved"), Files.readAllBytes(to));
        assertEquals(List.of(index, to), new RealFileLayer().list(dir));
    }
}
