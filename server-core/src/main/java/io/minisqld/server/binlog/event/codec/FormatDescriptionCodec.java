package io.minisqld.server.binlog.event.codec;

import io.minisqld.server.binlog.event.ChecksumAlgorithm;
import io.minisqld.server.binlog.event.EventType;
import io.minisqld.server.binlog.event.FormatDescriptionEvent;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.ByteWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * FORMAT_DESCRIPTION body (§3.4): version, 50-byte server version, created, header length,
 * post-header lengths, then the checksum algorithm byte for checksum-aware server versions. The
 * CRC slot after it belongs to the framing.
 */
final class FormatDescriptionCodec implements EventBodyCodec<FormatDescriptionEvent> {
    /** Bytes before the post-header length table. */
    static final int FIXED_PART = 2 + FormatDescriptionEvent.SERVER_VERSION_LENGTH + 4 + 1;

    @Override
    public int type() {
        return EventType.FORMAT_DESCRIPTION.code();
    }

    @Override
    public Class<FormatDescriptionEvent> bodyClass() {
        return FormatDescriptionEvent.class;
    }

    @Override
    public void encode(FormatDescriptionEvent e, ByteWriter out) {
        byte[] version = e.serverVersion().getBytes(StandardCharsets.UTF_8);
        if (version.length >= FormatDescriptionEvent.SERVER_VERSION_LENGTH) {
            throw new IllegalArgumentException("server version longer than 49 bytes: " + e.serverVersion());
        }
        out.int2(e.binlogVersion())
                .bytes(version).zeros(FormatDescriptionEvent.SERVER_VERSION_LENGTH - version.length)
                .int4(e.createTimestamp())
                .int1(e.headerLength())
                .bytes(e.postHeaderLengths());
        if (FormatDescriptionEvent.isChecksumAware(e.serverVersion())) out.int1(e.checksumAlgorithm().code());
    }

    @Override
    public FormatDescriptionEvent decode(ByteReader in, DecodeContext context) throws EventFormatException {
        int binlogVersion = in.int2();
        byte[] rawVersion = in.bytes(FormatDescriptionEvent.SERVER_VERSION_LENGTH);
        int nul = 0;
        while (nul < rawVersion.length && rawVersion[nul] != 0) nul++;
        String version = new String(rawVersion, 0, nul, StandardCharsets.UTF_8);
        long created = in.int4();
        int headerLength = in.int1();
        boolean aware = FormatDescriptionEvent.isChecksumAware(version);
        int tableLength = in.remaining() - (aware ? 1 : 0);
        if (tableLength < 0) throw new EventFormatException("format description event too short");
        byte[] table = in.bytes(tableLength);
        ChecksumAlgorithm alg = ChecksumAlgorithm.NONE;
        if (aware) {
            int code = in.int1();
            try {
                alg = ChecksumAlgorithm.of(code);
            } catch (IllegalArgumentException e) {
                throw new EventFormatException("unknown checksum algorithm " + code + " in format description event");
            }
        }
        return new FormatDescriptionEvent(binlogVersion, version, created, headerLength,
                Arrays.copyOf(table, table.length), alg);
    }
}
