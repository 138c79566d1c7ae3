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
    void takesOnlyTheSignedInUserAndPlainJdbcHelpersFromWebSecurity() {
        noClasses().that().resideInAPackage("cn.daiban.security.privacy..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "web-security classes other than User, its Role and the plain JDBC helpers",
                        type -> type.getPackageName().startsWith("cn.daiban.security")
                                && !type.getPackageName().startsWith("cn.daiban.security.privacy")
                                // Statements committed apart from the caller's transaction (new keys): no web, no roles.
                                && !type.getPackageName().equals("cn.daiban.security.jdbc")
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
