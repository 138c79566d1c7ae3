package cn.daiban.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The command side never imports the query side, and its domain (aggregates, domain services, rules) imports no
 * Spring: Spring lives in {@code infrastructure} and {@code web} only.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.daiban.command");

    /**
     * Cancelling by name (within a scope or everywhere) makes db-scheduler read and deserialize every scheduled
     * deadline of the task: a command would cost time in proportion to the open matters. Handlers ignore deadlines
     * that no longer apply instead.
     */
    @Test
    void noDeadlineIsCancelledByName() {
        noClasses().should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                        com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching("cancelAll.*"))
                        .and(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                                        com.tngtech.archunit.base.DescribedPredicate.describe("a DeadlineManager",
                                                owner -> owner.isAssignableTo(org.axonframework.deadline.DeadlineManager.class))))))
                .check(classes);
    }

    @Test
    void commandSideNeverImportsTheQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("cn.daiban.query..").check(classes);
    }

    @Test
    void domainImportsNoSpring() {
        noClasses().that().resideOutsideOfPackages("cn.daiban.command.infrastructure..", "cn.daiban.command.web..")
                .and().doNotHaveSimpleName("CommandSideApplication")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .allowEmptyShould(false)
                .check(classes);
    }

    /**
     * The delegation is the one aggregate everything else comes before: the others (and the shared domain code) must
     * not lean on it, e.g. on its policy for the time zone, which is the {@code ServiceClock}'s.
     */
    @Test
    void otherAggregatesDoNotDependOnTheDelegation() {
        noClasses().that().resideInAnyPackage("cn.daiban.command.agent..", "cn.daiban.command.appointment..",
                        "cn.daiban.command.calendar..", "cn.daiban.command.catalogue..", "cn.daiban.command.common..",
                        "cn.daiban.command.complaint..", "cn.daiban.command.consultation..",
                        "cn.daiban.command.privacy..", "cn.daiban.command.station..")
                .should().dependOnClassesThat().resideInAPackage("cn.daiban.command.delegation..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void domainDoesNotReachIntoTheWebOrInfrastructure() {
        noClasses().that().resideOutsideOfPackages("cn.daiban.command.infrastructure..", "cn.daiban.command.web..")
                .and().doNotHaveSimpleName("CommandSideApplication")
                .should().dependOnClassesThat().resideInAnyPackage("cn.daiban.command.infrastructure..",
                        "cn.daiban.command.web..")
                .check(classes);
    }
}
