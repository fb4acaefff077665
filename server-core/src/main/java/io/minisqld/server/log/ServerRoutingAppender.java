package io.minisqld.server.log;

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

    @Override
    protected void append(ILoggingEvent event) {
        String text = layout.doLayout(event);
        Map<String, String> mdc = event.getMDCPropertyMap();
        ErrorLogSink sink = ErrorLogRegistry.lookup(mdc == null ? null : mdc.get(LogContext.SERVER_KEY));
        if (sink == null || !sink.write(text)) {
            ErrorLogSink.writeStderr(text);
        }
    }
}
