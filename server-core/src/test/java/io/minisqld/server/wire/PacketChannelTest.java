package io.minisqld.server.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Framing and the basic types, byte for byte, without sockets. */
class PacketChannelTest {
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();

    private PacketChannel channel(byte[] input, ByteArrayOutputStream output, int maxPacket) {
        return new PacketChannel(null, new ByteArrayInputStream(input), output, PacketChannel.Role.SERVER, (r, s) -> {
            received.addAndGet(r);
            sent.addAndGet(s);
        }, maxPacket);
    }

    @Test
    void smallPacketHasLengthAndSequenceHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketChannel ch = channel(new byte[0], out, 100);
        ch.setNextSequenceId(255);
        ch.writePacket(new byte[] {0x0E});
        ch.writePacket(new byte[0]);
        ch.flush();
        assertArrayEquals(new byte[] {1, 0, 0, (byte) 255, 0x0E, 0, 0, 0, 0}, out.toByteArray());
        assertEquals(1, ch.nextSequenceId(), "255 wraps to 0, then 1");
        assertEquals(9, sent.get());
    }

    @Test
    void exactMultipleOf16MiBEndsWithAnEmptyPacket() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PacketChannel ch = channel(new byte[0], out, Integer.MAX_VALUE);
        byte[] payload = new byte[0xFFFFFF];
        Arrays.fill(payload, (byte) 'z');
        ch.writePacket(payload);
        ch.flush();
        byte[] wire = out.toByteArray();
        assertEquals(4 + 0xFFFFFF + 4, wire.length);
        assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0}, Arrays.copyOfRange(wire, 0, 4));
        assertArrayEquals(new byte[] {0, 0, 0, 1}, Arrays.copyOfRange(wire, wire.length - 4, wire.length));

        PacketChannel reader = channel(wire, new ByteArrayOutputStream(), Integer.MAX_VALUE);
        byte[] back = reader.readInSequence();
        assertArrayEquals(payload, back);
        assertEquals(2, reader.nextSequenceId(), "the answer follows the empty packet's seq 1");
        assertEquals(wire.length, received.get(), "Bytes_received counts headers too");
    }

    @Test
    void oversizedPacketIsRefusedFromItsHeader() {
        // Only the header is there: the check must not wait for the payload.
        byte[] header = {(byte) 0x01, 0x04, 0, 0};
        PacketChannel ch = channel(header, new ByteArrayOutputStream(), 1024);
        PacketTooLargeException e = assertThrows(PacketTooLargeException.class, ch::readInSequence);
        assertEquals(0, e.sequenceId());
    }

    @Test
    void splitPacketsCountTowardsTheLimitTogether() {
        byte[] wire = new byte[4 + 0xFFFFFF + 4];
        wire[0] = (byte) 0xFF;
        wire[1] = (byte) 0xFF;
        wire[2] = (byte) 0xFF;
        int second = 4 + 0xFFFFFF;
        wire[second] = 10;
        wire[second + 3] = 1;
        PacketChannel ch = channel(wire, new ByteArrayOutputStream(), 0xFFFFFF + 5);
        PacketTooLargeException e = assertThrows(PacketTooLargeException.class, ch::readInSequence);
        assertEquals(1, e.sequenceId());
    }

    @Test
    void endOfStreamAtABoundaryIsEof() {
        PacketChannel ch = channel(new byte[0], new ByteArrayOutputStream(), 100);
        assertThrows(EOFException.class, ch::readInSequence);
        PacketChannel cut = channel(new byte[] {5, 0, 0, 0, 1, 2}, new ByteArrayOutputStream(), 100);
        assertThrows(EOFException.class, cut::readInSequence);
    }

    @Test
    void aClientRefusesRepliesOutOfSequenceAndAServerDoesNot() throws IOException {
        byte[] wire = {1, 0, 0, 2, 0x00};
        PacketChannel client = new PacketChannel(null, new ByteArrayInputStream(wire), new ByteArrayOutputStream(),
                PacketChannel.Role.CLIENT, PacketChannel.ByteCounter.NONE, Integer.MAX_VALUE);
        client.setNextSequenceId(1);
        assertThrows(PacketsOutOfOrderException.class, client::readInSequence);

        PacketChannel inOrder = new PacketChannel(null, new ByteArrayInputStream(wire), new ByteArrayOutputStream(),
                PacketChannel.Role.CLIENT, PacketChannel.ByteCounter.NONE, Integer.MAX_VALUE);
        inOrder.setNextSequenceId(2);
        assertArrayEquals(new byte[] {0}, inOrder.readInSequence());
        assertEquals(3, inOrder.nextSequenceId());

        PacketChannel server = channel(wire, new ByteArrayOutputStream(), 100);
        server.setNextSequenceId(1);
        assertArrayEquals(new byte[] {0}, server.readInSequence());
        assertEquals(3, server.nextSequenceId());
    }

    @Test
    void readPacketLeavesTheSequenceAlone() throws IOException {
        PacketChannel client = new PacketChannel(null, new ByteArrayInputStream(new byte[] {1, 0, 0, 7, 0x00}),
                new ByteArrayOutputStream(), PacketChannel.Role.CLIENT, PacketChannel.ByteCounter.NONE, 100);
        client.setNextSequenceId(1);
        assertArrayEquals(new byte[] {0}, client.readPacket());
        assertEquals(1, client.nextSequenceId());
    }

    @Test
    void lengthEncodedIntegersUseTheShortestForm() {
        long[] values = {0, 250, 251, 65535, 65536, 0xFFFFFF, 0x1000000L, Long.MAX_VALUE};
        int[] sizes = {1, 1, 3, 3, 4, 4, 9, 9};
        for (int i = 0; i < values.length; i++) {
            byte[] b = new ByteWriter().lenenc(values[i]).toByteArray();
            assertEquals(sizes[i], b.length, "size for " + values[i]);
            assertEquals(values[i], new ByteReader(b).lenenc());
        }
        assertArrayEquals(new byte[] {(byte) 0xFB}, new ByteWriter().lenencBytes(null).toByteArray());
        assertEquals(ByteReader.NULL_LENGTH, new ByteReader(new byte[] {(byte) 0xFB}).lenenc());
        assertThrows(MalformedPacketException.class, () -> new ByteReader(new byte[] {(byte) 0xFC, 1}).lenenc());
    }
}
