/**
 * Replication observers: the hooks through which a plugin watches, and in a few places steers,
 * transactions, binlog writes, binlog sending and relay-log receiving, mirroring MySQL's
 * {@code sql/replication.h}.
 *
 * <p>There are five observer families, each an interface whose methods are {@code default}
 * no-ops, so a plugin overrides only the hooks it needs:
 * {@link io.minisqld.plugin.api.observer.TransactionObserver},
 * {@link io.minisqld.plugin.api.observer.BinlogStorageObserver},
 * {@link io.minisqld.plugin.api.observer.ServerStateObserver},
 * {@link io.minisqld.plugin.api.observer.BinlogTransmitObserver} and
 * {@link io.minisqld.plugin.api.observer.BinlogRelayIoObserver}. Each family is described by an
 * {@link io.minisqld.plugin.api.observer.ObserverFamily} constant (its interface and MySQL's hook
 * names); a plugin registers its observers in {@code init} with
 * {@code context.observers().register(ObserverFamily.TRANSACTION, observer)} and unregisters them
 * in {@code deinit}.
 *
 * <h2>Rules common to every hook</h2>
 * <ul>
 *   <li><b>Order.</b> Observers of one family run in registration order.</li>
 *   <li><b>Failure.</b> A hook fails by throwing; any {@link java.lang.RuntimeException} is a
 *       failure. The first failing observer stops the chain (later observers are not called for
 *       that event), and the server logs {@code Run function '<hook>' in plugin '<plugin>'
 *       failed} at ERROR, as MySQL 5.7 does. What the failure then does depends on the hook
 *       (each method says so); for many hooks it is ignored.</li>
 *   <li><b>Locks.</b> While a hook runs, the server holds its family's observer list in shared
 *       mode: other threads run the same hooks concurrently, and registering or unregistering an
 *       observer of that family waits until every running hook of the family has returned (this
 *       is what makes {@code UNINSTALL PLUGIN} safe: once {@code deinit} has unregistered, no
 *       thread is inside the plugin's hooks any more). Therefore a hook must never register or
 *       unregister an observer (the server refuses it with an {@link
 *       java.lang.IllegalStateException}, which counts as the hook's failure), and must never wait
 *       for a thread that is itself registering or unregistering observers.</li>
 *   <li><b>Threads.</b> Hooks run on the server's own threads (the committing session, the group
 *       commit leader, a dump thread, the replica's IO thread); each method names which. A hook
 *       should return quickly unless blocking is its documented purpose (semisync's wait for the
 *       replica's acknowledgement).</li>
 *   <li><b>Parameters.</b> Parameter objects are valid only during the call unless their type
 *       says otherwise; byte arrays passed to a hook belong to the server and must not be kept.</li>
 * </ul>
 */
package io.minisqld.plugin.api.observer;
