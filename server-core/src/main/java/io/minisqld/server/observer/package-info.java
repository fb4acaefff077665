/**
 * Replication observer registries and hook dispatch (MySQL's {@code sql/rpl_handler.cc}): one
 * {@link io.minisqld.server.observer.ObserverRegistry} per server holding the five delegates, one
 * per observer family of {@code io.minisqld.plugin.api.observer}. Dispatch keeps MySQL's rules
 * (spec semisync.md §1.2): registration order, nothing at all when no observer is registered,
 * a shared lock while hooks run and an exclusive one to register or unregister, the first
 * failing observer stops the chain and is logged as {@code Run function '<hook>' in plugin
 * '<plugin>' failed}.
 */
package io.minisqld.server.observer;
