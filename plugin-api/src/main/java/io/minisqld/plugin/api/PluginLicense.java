package io.minisqld.plugin.api;

/** The PLUGIN_LICENSE column: MySQL knows GPL and BSD; anything else shows PROPRIETARY. */
public enum PluginLicense {
    GPL, BSD, PROPRIETARY
}
