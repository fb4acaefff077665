package io.minisqld.plugin.api.observer;

/**
 * What the server passes to {@link ServerStateObserver} hooks (MySQL's
 * {@code Server_state_param}).
 *
 * @param serverId this server's {@code server_id}
 */
public record ServerStateParam(long serverId) {
}
