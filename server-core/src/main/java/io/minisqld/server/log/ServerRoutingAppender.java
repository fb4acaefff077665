package io.minisqld.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.util.Map;

/**
 * The logback appender behind every server's error log: formats each event with
 * {@link MysqlErrorLogLayout} and writes it to the sink of the server named by the event's MDC
 * key {@value LogContext#SERVER_KEY} (see {@link ErrorLog#open}). Events without that key, or for
 * a server whose log is not open, go to stderr in the same format. Wired in {@code logback.xml}.
 */
public final class ServerRoutingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    private MysqlErrorLogLayout layout;

    @Override
    public void start() {
        MysqlErrorLogLayout l = new MysqlErrorLogLayout();
        l.setContext(getContext());
        l.start();
        layout = l;
        super.start();
    }

    @Override
    public void stop() {
        super.stop();
        if (layout != null) {
            layout.stop();
        }
    }

    /** MySQL's severity of a logback level: 1 ERROR, 2 Warning, 3 Note ({@link MysqlErrorLogLayout#label}). */
    private static int severity(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) return 1;
        if (level.isGreaterOrEqual(Level.WARN)) return 2;
        return 3;
    }

    @Override
    protected void append(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        ErrorLogSink sink = ErrorLogRegistry.lookup(mdc == null ? null : mdc.get(LogContext.SERVER_KEY));
        if (sink != null && !sink.accepts(severity(event.getLevel()))) return;
        String text = layout.doLayout(event);
        if (sink == null || !sink.write(text)) {
            ErrorLogSink.writeStderr(text);
        }
    }
}
