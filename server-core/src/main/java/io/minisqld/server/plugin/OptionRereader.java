package io.minisqld.server.plugin;

import io.minisqld.server.options.Option;
import io.minisqld.server.options.OptionFileException;
import io.minisqld.server.options.OptionReader;
import io.minisqld.server.options.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The server's options as INSTALL PLUGIN sees them (spec plugin-framework.md §A.2 step 3): the
 * option files read again, with the same file options the server started with, then the
 * original command line. A server started without option files ({@code --no-defaults}, or
 * options built in code) keeps its start-up options.
 */
public final class OptionRereader implements Supplier<List<Option>> {
    private final ServerOptions original;
    private final OptionReader reader;

    /** @param reader reads the option files again (the server's {@link OptionReader#forSystem()}) */
    public OptionRereader(ServerOptions original, OptionReader reader) {
        this.original = original;
        this.reader = reader;
    }

    /** @throws IllegalStateException if the option files cannot be read any more */
    @Override
    public List<Option> get() {
        if (original.noDefaults()) return original.options();
        List<String> args = new ArrayList<>();
        original.defaultsFile().ifPresent(f -> args.add("--defaults-file=" + f));
        original.defaultsExtraFile().ifPresent(f -> args.add("--defaults-extra-file=" + f));
        original.defaultsGroupSuffix().ifPresent(s -> args.add("--defaults-group-suffix=" + s));
        ServerOptions files;
        try {
            files = reader.read(args.toArray(String[]::new));
        } catch (OptionFileException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        List<Option> out = new ArrayList<>(files.options());
        for (Option o : original.options()) {
            if (Option.COMMAND_LINE.equals(o.origin())) out.add(o);
        }
        return out;
    }
}
