package cn.daiban.kernel;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The shared kernel is the contract between the sides: plain Java, no Spring, no side's code. */
class KernelArchitectureTest {

    private final JavaClasses kernel = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.daiban.kernel");

    @Test
    void kernelImportsNoSpring() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .check(kernel);
    }

    @Test
    void kernelImportsNeitherSide() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.daiban.command..", "cn.daiban.query..")
                .check(kernel);
    }

    @Test
    void everyEventCarriesASchemaRevision() {
        classes().that().haveSimpleNameEndingWith("Event")
                .should().beAnnotatedWith(org.axonframework.serialization.Revision.class)
                .check(kernel);
    }

    @Test
    void messagesAreRecords() {
        classes().that().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("Event")
                .or().haveSimpleNameEndingWith("Query").or().haveSimpleNameEndingWith("Response")
                .should().beAssignableTo(Record.class)
                .check(kernel);
    }
}
