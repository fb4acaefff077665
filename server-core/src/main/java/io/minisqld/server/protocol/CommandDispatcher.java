package io.minisqld.server.protocol;

import io.minisqld.server.error.ErrorCode;
import io.minisqld.server.error.SqlError;
import io.minisqld.server.protocol.CommandHandler.FieldInfo;
import io.minisqld.server.result.OkResult;
import io.minisqld.server.wire.ByteReader;
import io.minisqld.server.wire.Capabilities;
import io.minisqld.server.wire.ChangeUserCommand;
import io.minisqld.server.wire.Command;
import io.minisqld.server.wire.MalformedPacketException;
import io.minisqld.server.wire.OkPacket;
import io.minisqld.server.wire.PacketChannel;
import io.minisqld.server.wire.PacketTooLargeException;
import io.minisqld.server.wire.QueryCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command phase (spec §1.7): reads one request at a time, decodes it, calls the session's
 * {@link CommandHandler} or a registered {@link RawCommand}, and writes the answer flushed once.
 * Runs on the connection's thread only.
 */
final class CommandDispatcher {
    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final PacketChannel channel;
    private final CommandHandler handler;
    private final ClientConnection connection;
    private final Map<Integer, RawCommand> rawCommands;
    private final PreparedCommands prepared;
    private final int capabilities;
    private final Relogin relogin;

    /** COM_CHANGE_USER's login exchange (an auth switch when the client needs one). */
    interface Relogin {
        HandshakeResponse login(ChangeUserCommand command) throws IOException;
    }

    /** CLIENT_MULTI_STATEMENTS as negotiated, then as COM_SET_OPTION last set it. */
    private boolean multiStatements;

    CommandDispatcher(PacketChannel channel, CommandHandler handler, ClientConnection connection,
                      Map<Integer, RawCommand> rawCommands, int capabilities, Relogin relogin) {
        this.capabilities = capabilities;
        this.relogin = relogin;
        this.channel = channel;
        this.handler = handler;
        this.connection = connection;
        this.rawCommands = rawCommands;
        this.prepared = new PreparedCommands(channel, handler);
        this.multiStatements = (capabilities & Capabilities.CLIENT_MULTI_STATEMENTS) != 0;
    }

    /** Serves requests until COM_QUIT, a raw command's CLOSE, or an oversized packet. */
    void run() throws IOException {
        while (true) {
            channel.setMaxPacket(handler.maxAllowedPacket());
            CommandHandler.Timeouts timeouts = handler.timeouts();
            byte[] request;
            try {
                // the next command may take wait_timeout to come; once it comes, net_read_timeout
                channel.awaitInput(timeouts.waitForCommand());
                channel.setReadTimeout(timeouts.read());
                request = channel.readInSequence();
            } catch (SocketTimeoutException e) {
                // MySQL closes the connection without a word (5.7 sends no error packet)
                handler.aborted("Got timeout reading communication packets");
                return;
            } catch (PacketTooLargeException e) {
                // MySQL answers ER_NET_PACKET_TOO_LARGE and drops the connection: the rest of the
                // packet was never read, so the stream is out of step.
                log.debug("connection {}: {}", connection.id(), e.getMessage());
                channel.setNextSequenceId(e.sequenceId() + 1);
                channel.writeError(ErrorCode.ER_NET_PACKET_TOO_LARGE.error());
                channel.finishOutput();
                return;
            }
            boolean goOn = dispatch(request);
            channel.flush();
            if (!goOn) {
                return;
            }
        }
    }

    /** @return false when the connection must close */
    private boolean dispatch(byte[] request) throws IOException {
        // An empty packet carries no command byte; MySQL reads it as COM_SLEEP, an unknown command.
        int code = request.length == 0 ? Command.SLEEP.code() : request[0] & 0xFF;
        boolean started = false;
        int status = 0;
        try {
            handler.commandStarted(code);
            started = true;
            RawCommand raw = rawCommands.get(code);
            if (raw != null) {
                return raw.execute(request, new RawCommand.Context(handler, connection, channel)) == RawCommand.Outcome.CONTINUE;
            }
            Command command = Command.of(code);
            if (command == null) {
                throw ErrorCode.ER_UNKNOWN_COM_ERROR.error();
            }
            return builtIn(command, request);
        } catch (SqlError e) {
            status = e.number();
            if (status == ErrorCode.ER_UNKNOWN_ERROR.number() && e.getCause() != null) {
                // the engine failed in a way no MySQL error names (an H2 general error, often a
                // bug of its own): the client has the message, the error log the whole trace
                log.error("connection {}: command 0x{} failed in the engine", connection.id(),
                        Integer.toHexString(code), e);
            }
            channel.writeError(e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (MalformedPacketException e) {
            log.debug("connection {}: malformed command 0x{}: {}", connection.id(), Integer.toHexString(code), e.getMessage());
            status = ErrorCode.ER_MALFORMED_PACKET.number();
            channel.writeError(ErrorCode.ER_MALFORMED_PACKET.error());
        } catch (RuntimeException e) {
            log.error("connection {}: command 0x{} failed", connection.id(), Integer.toHexString(code), e);
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            status = ErrorCode.ER_UNKNOWN_ERROR.number();
            channel.writeError(ErrorCode.ER_UNKNOWN_ERROR.error(message));
        } finally {
            if (started) handler.commandEnded(code, status);
        }
        return true;
    }

    private boolean builtIn(Command command, byte[] request) throws IOException {
        ByteReader in = new ByteReader(request, 1);
        switch (command) {
            case QUIT -> {
                return false;
            }
            case QUERY -> query(QueryCommand.decode(request).sql());
            case INIT_DB -> {
                handler.initDb(in.restString());
                ok();
            }
            case FIELD_LIST -> fieldList(in);
            case PING -> {
                handler.ping();
                ok();
            }
            case SHUTDOWN -> {
                // MySQL 5.7 shuts down only at the default level (0, read as WAIT_ALL_BUFFERS) or at
                // WAIT_ALL_BUFFERS (16); any other level is refused, and the server goes on
                int level = in.hasRemaining() ? in.int1() : 0;
                if (level != 0 && level != 16) throw ErrorCode.ER_NOT_SUPPORTED_YET.error("this shutdown level");
                // MySQL 5.7 answers COM_SHUTDOWN with an EOF packet, which mysqladmin accepts.
                handler.shutdown();
                channel.writeEof(0, handler.statusFlags());
            }
            case PROCESS_KILL -> {
                handler.kill(in.int4());
                ok();
            }
            case SET_OPTION -> setOption(in.int2());
            case CHANGE_USER -> {
                HandshakeResponse login = relogin.login(ChangeUserCommand.decode(request, capabilities));
                // the statements go whatever the outcome: the handler resets the session first
                prepared.forgetAll();
                handler.changeUser(login);
                ok();
            }
            case STATISTICS -> channel.writePacket(handler.statistics().getBytes(StandardCharsets.UTF_8));
            case REFRESH -> {
                handler.refresh(in.hasRemaining() ? in.int1() : 0);
                ok();
            }
            case DEBUG -> {
                handler.debug();
                // MySQL 5.7 answers COM_DEBUG with an EOF packet
                channel.writeEof(0, handler.statusFlags());
            }
            case RESET_CONNECTION -> {
                handler.resetConnection();
                prepared.forgetAll();
                ok();
            }
            case STMT_PREPARE -> prepared.prepare(in.restBytes());
            case STMT_EXECUTE -> prepared.execute(in);
            case STMT_FETCH -> prepared.fetch(in);
            case STMT_RESET -> prepared.reset(in);
            // no response to these two, as the protocol defines
            case STMT_CLOSE -> prepared.close(in);
            case STMT_SEND_LONG_DATA -> prepared.sendLongData(in);
            default -> throw ErrorCode.ER_UNKNOWN_COM_ERROR.error();
        }
        return true;
    }

    /**
     * LOAD DATA LOCAL INFILE's exchange (spec: LOCAL INFILE request): the server sends 0xFB and the
     * file name in the query's sequence; the client answers with the file's content in packets and
     * an empty packet at its end (also when it cannot read the file).
     */
    private byte[] readLocalFile(String name) throws IOException {
        byte[] fileName = name.getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[fileName.length + 1];
        request[0] = (byte) 0xFB;
        System.arraycopy(fileName, 0, request, 1, fileName.length);
        channel.writePacket(request);
        channel.flush();
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        while (true) {
            byte[] packet = channel.readInSequence();
            if (packet.length == 0) return content.toByteArray();
            content.write(packet);
        }
    }

    private void query(byte[] sql) throws IOException {
        TextResultWriter sink = new TextResultWriter(channel,
                (capabilities & Capabilities.CLIENT_LOCAL_FILES) != 0 ? this::readLocalFile : null);
        handler.query(sql, multiStatements, sink);
        if (sink.sent() == 0 || sink.moreAnnounced()) {
            // Every COM_QUERY needs a final answer without MORE_RESULTS, or the client waits forever.
            if (sink.moreAnnounced()) {
                log.warn("connection {}: the handler announced more results and sent none", connection.id());
            }
            channel.writePacket(OkPacket.of(OkResult.EMPTY, handler.statusFlags(), handler.warningCount()).encode());
        }
    }

    private void fieldList(ByteReader in) throws IOException {
        byte[] rest = in.restBytes();
        int nul = 0;
        while (nul < rest.length && rest[nul] != 0) {
            nul++;
        }
        String table = new String(rest, 0, nul, StandardCharsets.UTF_8);
        String wildcard = nul + 1 <= rest.length ? new String(rest, nul + 1, rest.length - nul - 1, StandardCharsets.UTF_8) : "";
        List<FieldInfo> fields = handler.fieldList(table, wildcard);
        for (FieldInfo f : fields) {
            channel.writePacket(ColumnDefinitionPacket.encodeWithDefault(f.column(), f.defaultValue()));
        }
        channel.writeEof(handler.warningCount(), handler.statusFlags());
    }

    private void setOption(int option) throws IOException {
        switch (option) {
            case 0 -> multiStatements = true;
            case 1 -> multiStatements = false;
            default -> throw ErrorCode.ER_UNKNOWN_COM_ERROR.error();
        }
        channel.writeEof(0, handler.statusFlags());
    }

    private void ok() throws IOException {
        channel.writeOk(OkPacket.plain(handler.statusFlags()));
    }
}
