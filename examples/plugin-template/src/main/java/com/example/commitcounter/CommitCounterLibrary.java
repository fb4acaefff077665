package com.example.commitcounter;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import java.util.List;

/** The jar's Plugin-Class: the plugins this library declares. */
public class CommitCounterLibrary extends MinisqldPlugin {
    private final List<PluginDeclaration> declarations = List.of(new CommitCounter());

    @Override
    public List<PluginDeclaration> declarations() {
        return declarations;
    }
}
