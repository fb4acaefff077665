package io.minisqld.plugin.api;

import java.util.Objects;

/**
 * A {@link PluginDeclaration} whose identity is given once in the constructor, as MySQL's
 * {@code mysql_declare_plugin} lists it; subclasses override only what the plugin does
 * ({@link #init}, {@link #deinit}, variables). {@code init} and {@code deinit} do nothing by default.
 *
 * <pre>{@code
 * public final class Counter extends BasicPluginDeclaration {
 *     public Counter() {
 *         super("commit_counter", PluginType.AUDIT, "Jane Doe", "Counts commits", PluginLicense.GPL, 0x0100);
 *     }
 *
 *     @Override
 *     public void init(PluginContext context) { ... }
 * }
 * }</pre>
 */
public abstract class BasicPluginDeclaration implements PluginDeclaration {
    private final String name;
    private final PluginType type;
    private final String author;
    private final String description;
    private final PluginLicense license;
    private final int version;

    protected BasicPluginDeclaration(String name, PluginType type, String author, String description,
                                     PluginLicense license, int version) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.author = author;
        this.description = description;
        this.license = Objects.requireNonNull(license, "license");
        this.version = version;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final PluginType type() {
        return type;
    }

    @Override
    public final String author() {
        return author;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final PluginLicense license() {
        return license;
    }

    @Override
    public final int version() {
        return version;
    }

    @Override
    public void init(PluginContext context) throws Exception {
    }

    @Override
    public void deinit(PluginContext context) throws Exception {
    }
}
