package cn.daiban.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

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

    @Test
    void webAsksThroughTheQueryGatewayNotTheRepositories() {
        noClasses().that().resideInAPackage("cn.daiban.query.web..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.data..", "jakarta.persistence..")
                .check(classes);
    }
}
