package io.minisqld.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md, checked on the compiled classes: every rule here is a
 * sentence of that page. A failure names the class and the dependency that breaks it.
 */
class ArchitectureTest {
    private static final String ROOT = "io.minisqld.server";
    private static final String[] SERVICES = {ROOT + ".auth..", ROOT + ".plugin..", ROOT + ".observer..",
            ROOT + ".binlog..", ROOT + ".replication..", ROOT + ".engine..", ROOT + ".variables..",
            ROOT + ".options.."};
    private static final String[] LEAVES = {ROOT + ".error..", ROOT + ".result..", ROOT + ".storage..",
            ROOT + ".log..", ROOT + ".grant.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** The composition root (the top-level package) is imported by nobody below it. */
    private static String[] rootClasses() {
        return new String[] {ROOT + ".MiniSqlServer", ROOT + ".Main", ROOT + ".ClientSessionHandler",
                ROOT + ".InformationSchema"};
    }

    @Test
    void protocolAndWireKnowNoSqlSessionsOrServices() {
        noClasses().that().resideInAnyPackage(ROOT + ".protocol..", ROOT + ".wire..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(SERVICES, ROOT + ".statements..",
                        ROOT + ".session..", ROOT + ".connection..", ROOT + ".sql.."))
                .check(classes);
    }

    @Test
    void noServiceImportsTheStatementLayerTheProtocolOrTheRoot() {
        noClasses().that().resideInAnyPackage(SERVICES)
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".statements..", ROOT + ".protocol..",
                        ROOT + ".connection..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(rootClasses()[0])
                .check(classes);
    }

    @Test
    void sessionImportsNoProtocolType() {
        noClasses().that().resideInAPackage(ROOT + ".session..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".protocol..", ROOT + ".wire..",
                        ROOT + ".statements..", ROOT + ".connection..")
                .check(classes);
    }

    @Test
    void theStatementModelStandsOnTheLeavesOnly() {
        noClasses().that().resideInAPackage(ROOT + ".sql..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(SERVICES, ROOT + ".statements..",
                        ROOT + ".session..", ROOT + ".protocol..", ROOT + ".wire..", ROOT + ".connection.."))
                .check(classes);
    }

    @Test
    void leavesImportNothingOfTheServer() {
        for (String leaf : LEAVES) {
            String[] others = java.util.Arrays.stream(concat(SERVICES, LEAVES)).filter(p -> !p.equals(leaf))
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage(leaf)
                    .should().dependOnClassesThat().resideInAnyPackage(concat(others, ROOT + ".sql..",
                            ROOT + ".statements..", ROOT + ".session..", ROOT + ".protocol..", ROOT + ".wire..",
                            ROOT + ".connection.."))
                    .check(classes);
        }
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
