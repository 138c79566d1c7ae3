package cn.daiban.security.privacy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * What the {@code personal-data} module may lean on: the shared kernel, Spring's JDBC and configuration, Axon's
 * serializer; of {@code web-security} only the signed-in {@code User} (and its {@code Role}) the access log
 * records; never either side.
 */
class PersonalDataArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.daiban.security.privacy");

    @Test
    void takesOnlyTheSignedInUserFromWebSecurity() {
        noClasses().that().resideInAPackage("cn.daiban.security.privacy..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "web-security classes other than User and its Role",
                        type -> type.getPackageName().startsWith("cn.daiban.security")
                                && !type.getPackageName().startsWith("cn.daiban.security.privacy")
                                && !type.getName().equals("cn.daiban.security.User")
                                && !type.getName().equals("cn.daiban.security.Role")))
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void importsNeitherSide() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.daiban.command..", "cn.daiban.query..")
                .allowEmptyShould(false)
                .check(classes);
    }
}
