package io.minisqld.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * MySQL 5.7's error-log line: {@code 2026-01-05T10:03:40.104327Z 5 [Note] message}, that is the
 * UTC time with microseconds ({@code log_timestamps=UTC}), the connection id (MDC key
 * {@value LogContext#CONNECTION_ID_KEY}, 0 for the server's own threads), the level as
 * {@code [ERROR]}, {@code [Warning]} or {@code [Note]}, and the message. A stack trace, if any,
 * follows on the next lines.
 */
public final class MysqlErrorLogLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128)
                .append(timestamp(event.getInstant()))
                .append(' ')
                .append(connectionId(event.getMDCPropertyMap()))
                .append(' ')
                .append(label(event.getLevel()))
                .append(' ')
                .append(event.getFormattedMessage())
                .append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
        }
        return line.toString();
    }

    /** The timestamp part alone, e.g. {@code 2026-01-05T10:03:40.104327Z}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** MySQL's level words: ERROR, Warning, Note (MySQL has nothing below Note). */
    public static String label(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return "[ERROR]";
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return "[Warning]";
        }
        return "[Note]";
    }

    private static String connectionId(Map<String, String> mdc) {
        String id = mdc == null ? null : mdc.get(LogContext.CONNECTION_ID_KEY);
        return id == null || id.isEmpty() ? "0" : id;
    }
}
