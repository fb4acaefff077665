package io.minisqld.server.wire;

/** COM_QUIT (0x01, spec §1.7): the command byte alone; the server closes without an answer. */
public record QuitCommand() {
    /** The command byte. */
    public static final int CODE = Command.QUIT.code();

    /** The packet payload. */
    public byte[] encode() {
        return new byte[] {(byte) CODE};
    }

    /** Decodes the request; whatever follows the command byte is ignored, as MySQL does. */
    public static QuitCommand decode(byte[] payload) {
        if (payload.length == 0 || payload[0] != CODE) {
            throw new MalformedPacketException("not a COM_QUIT");
        }
        return new QuitCommand();
    }
}
