package cn.daiban.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The query side never imports the command side; the web layer reaches projections only through queries. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.daiban.query");

    @Test
    void querySideNeverImportsTheCommandSide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("cn.daiban.command..").check(classes);
    }

    /**
     * The live streams answer a peek after the head's event without reading ({@code QuietStream}), which Axon's
     * coordinator makes to find the further events one stored event was upcast into: there must be none.
     */
    @Test
    void everyUpcasterTurnsOneStoredEventIntoOne() {
        classes().that().areAssignableTo(org.axonframework.serialization.upcasting.Upcaster.class)
                .and().areNotInterfaces()
                .should().beAssignableTo(org.axonframework.serialization.upcasting.event.SingleEventUpcaster.class)
                .because("a stream that handed out the head answers \"nothing\" to the peek for a second event under "
                        + "its token (QuietStream)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("cn.daiban"));
    }

    @Test
    void webAsksThroughTheQueryGatewayNotTheRepositories() {
        noClasses().that().resideInAPackage("cn.daiban.query.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data..", "jakarta.persistence..")
                .check(classes);
    }
}
