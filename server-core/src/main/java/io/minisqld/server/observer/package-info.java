/**
 * Replication observer registries and hook dispatch (MySQL's {@code sql/rpl_handler.cc}): one
 * {@link io.minisqld.server.observer.ObserverRegistry} per server holding one
 * {@link io.minisqld.server.observer.ObserverDelegate} per observer family
 * ({@link io.minisqld.plugin.api.observer.ObserverFamily}). A hook is a
 * {@link io.minisqld.server.observer.Hook} value (MySQL's name and the call on one observer), and
 * {@code ObserverDelegate.run(hook, param)} is the one dispatch of every hook of every family. The
 * typed delegates of the five families of the plugin API ({@code TransactionDelegate}, ...) only
 * declare their hooks and give each a one-line method for the call sites.
 *
 * <p>Dispatch keeps MySQL's rules (spec semisync.md §1.2): registration order, nothing at all when
 * no observer is registered, a shared lock while hooks run and an exclusive one to register or
 * unregister, the first failing observer stops the chain and is logged as {@code Run function
 * '<hook>' in plugin '<plugin>' failed}.
 *
 * <p>A new family is an {@code ObserverFamily} constant and its observer interface in the plugin
 * API (plugins register with the generic call, the registry creates the family's delegate on
 * first use), and at the server's call sites a hook constant and the call:
 * <pre>{@code
 * static final Hook<FooObserver, FooParam> AFTER_FOO =
 *         new Hook<>(ObserverFamily.FOO, "after_foo", FooObserver::afterFoo);
 * ...
 * if (!observers.run(AFTER_FOO, param)) ...  // MySQL's consequence of a failed after_foo
 * }</pre>
 * A typed delegate with one-line methods (as the five families have) is optional.
 */
package io.minisqld.server.observer;
