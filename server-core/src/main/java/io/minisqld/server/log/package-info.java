/**
 * The error log in MySQL 5.7's line format over SLF4J and logback: {@link
 * io.minisqld.server.log.ErrorLog} opens a server's {@code log_error} sink, {@link
 * io.minisqld.server.log.LogContext} and {@link io.minisqld.server.log.ServerThreadFactory} put
 * the server key and connection id into the MDC, and {@link
 * io.minisqld.server.log.ServerRoutingAppender} (wired in {@code logback.xml}) routes each event.
 */
package io.minisqld.server.log;
