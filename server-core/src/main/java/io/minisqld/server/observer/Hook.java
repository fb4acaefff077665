package io.minisqld.server.observer;

import io.minisqld.plugin.api.observer.ObserverFamily;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One hook of an observer family: MySQL's name for it and how to call it on one observer (in
 * MySQL, the member of the observer struct that {@code FOREACH_OBSERVER} calls). A hook is a
 * constant, declared once ({@code TransactionDelegate.BEFORE_COMMIT}) and run on every observer of
 * its family by {@link ObserverDelegate#run}. {@code call} should be a method reference or a
 * non-capturing lambda, so that running a hook allocates nothing.
 *
 * <p>A hook takes one argument. Where MySQL's hook takes several (a parameter, a binlog file and a
 * position, ...), {@code P} is a record of them, built by the caller only when some observer is
 * registered ({@link ObserverDelegate#isEmpty()}).
 *
 * @param family the family whose observers the hook calls
 * @param name   MySQL's hook name, one of {@code family.hookNames()}: the failure log line prints it
 * @param call   calls the hook on one observer; it fails by throwing a {@link RuntimeException}
 * @param <O>    the family's observer interface
 * @param <P>    what the hook is given
 */
public record Hook<O, P>(ObserverFamily<O> family, String name, BiConsumer<O, P> call) {

    public Hook {
        Objects.requireNonNull(call, "call");
        if (!family.hookNames().contains(name)) {
            throw new IllegalArgumentException("the " + family.name() + " family has no hook '" + name + "'");
        }
    }
}
