package io.minisqld.examples.commitaudit;

import io.minisqld.plugin.api.MinisqldPlugin;
import io.minisqld.plugin.api.PluginDeclaration;
import java.util.List;

/**
 * The library's PF4J {@code Plugin-Class} (named in the jar's manifest): what the server asks for
 * the declarations, like a MySQL {@code .so}'s {@code _mysql_plugin_declarations_}. The server
 * creates one instance each time it loads the jar, so the declaration below, and everything it
 * holds, lives exactly as long as the loaded library: nothing in this jar is static.
 */
public final class CommitAuditLogLibrary extends MinisqldPlugin {
    /** Shared by the audit plugin, which counts, and the information_schema plugin, which shows. */
    private final UserCommits userCommits = new UserCommits();
    private final List<PluginDeclaration> declarations = List.of(new CommitAuditLog(userCommits),
            new CommitAuditLogUsers(userCommits));

    @Override
    public List<PluginDeclaration> declarations() {
        return declarations;
    }
}
