package io.minisqld.server;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, checked on the compiled classes (so fully-qualified
 * names count as much as imports): every test is a sentence of that page. A failure names the
 * class and the dependency that breaks the rule.
 */
class ArchitectureTest {
    private static final String ROOT = "io.minisqld.server";
    private static final String[] SERVICES = {p("auth"), p("plugin"), p("observer"), p("binlog"), p("replication"),
            p("engine"), p("variables"), p("options")};
    private static final String[] LEAVES = {p("error"), p("result"), p("storage"), p("log"), p("grant"), p("charset"), p("gtid")};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** {@code io.minisqld.server.<name>} and its subpackages. */
    private static String p(String name) {
        return ROOT + "." + name + "..";
    }

    /** Classes of {@code owner} depend on no class of the server outside {@code owner} and {@code allowed}. */
    private static void onlyKnows(String owner, String... allowed) {
        String[] own = Arrays.copyOf(allowed, allowed.length + 1);
        own[allowed.length] = owner;
        noClasses().that().resideInAPackage(owner)
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(own))))
                .check(classes);
    }

    @Test
    void wireKnowsOnlyTheLeaves() {
        onlyKnows(p("wire"), p("error"), p("result"));
    }

    @Test
    void protocolKnowsOnlyTheWireAndTheLeaves() {
        onlyKnows(p("protocol"), p("wire"), p("error"), p("result"), p("log"));
    }

    @Test
    void theStatementModelStandsOnTheLeavesOnly() {
        onlyKnows(p("sql"), p("error"), p("grant"), p("charset"), p("result"));
    }

    @Test
    void leavesImportNothingOfTheServerButTheErrorCatalogue() {
        for (String leaf : LEAVES) onlyKnows(leaf, p("error"));
    }

    @Test
    void noServiceImportsTheStatementLayerTheProtocolOrTheRoot() {
        noClasses().that().resideInAnyPackage(SERVICES)
                .should().dependOnClassesThat().resideInAnyPackage(p("statements"), p("protocol"), p("connection"),
                        ROOT)
                .check(classes);
    }

    @Test
    void sessionImportsNoProtocolType() {
        noClasses().that().resideInAPackage(p("session"))
                .should().dependOnClassesThat().resideInAnyPackage(p("protocol"), p("wire"), p("statements"),
                        p("connection"))
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootSeesTheConnectionAdapters() {
        noClasses().that().resideOutsideOfPackages(ROOT, p("connection"))
                .should().dependOnClassesThat().resideInAPackage(p("connection"))
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
