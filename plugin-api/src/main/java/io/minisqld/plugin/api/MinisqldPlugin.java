package io.minisqld.plugin.api;

/**
 * Base class for a library's PF4J {@code Plugin-Class}: PF4J needs an {@code org.pf4j.Plugin},
 * the server needs a {@link PluginLibrary}. PF4J's start/stop are not used: the server calls each
 * declaration's init and deinit.
 */
public abstract class MinisqldPlugin extends org.pf4j.Plugin implements PluginLibrary {
}
