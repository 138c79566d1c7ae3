package cn.daiban.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateMember;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * One clock: the centre's day of an instant, and the instants a day starts and ends, are computed by the
     * {@code ServiceClock} (setting {@code daiban.zone}) only, never against the machine's zone or a zone of a
     * class's own.
     */
    @Test
    void theCentresDaysAreTheServiceClocksOnly() {
        noClasses().should().callMethod(java.time.LocalDate.class, "ofInstant", java.time.Instant.class,
                        java.time.ZoneId.class)
                .orShould().callMethod(java.time.LocalDate.class, "atStartOfDay", java.time.ZoneId.class)
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now", java.time.ZoneId.class)
                .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
                .orShould().callMethod(java.time.ZoneId.class, "systemDefault")
                .check(classes);
    }

    /** Counting working days backwards is written once, on {@code WorkingDayCalendar} (shared kernel). */
    @Test
    void workingDaysAreCountedBackwardsOnTheCalendarOnly() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods().should().haveName("minusWorkingDays")
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
     * not lean on it, e.g. on its policy for the time zone, which is the {@code ServiceClock}'s. Every package but
     * the delegation's own, the wiring ({@code infrastructure}) and the HTTP API ({@code web}) is held to it, so an
     * aggregate added later (as {@code clientcategory} was, after a list of packages was written here) is too.
     */
    @Test
    void otherAggregatesDoNotDependOnTheDelegation() {
        noClasses().that().resideOutsideOfPackages("cn.daiban.command.delegation..",
                        "cn.daiban.command.infrastructure..", "cn.daiban.command.web..")
                .should().dependOnClassesThat().resideInAPackage("cn.daiban.command.delegation..")
                .allowEmptyShould(false)
                .check(classes);
    }

    /**
     * No state of the delegation that nothing reads: every field of the root and its members (and of the records
     * they keep) is read somewhere other than an event-sourcing handler — by a command or deadline handler, a check,
     * or another member. The members themselves are read by Axon ({@code @AggregateMember}).
     */
    @Test
    void noStateOfTheDelegationThatNothingReads() {
        List<String> unread = new ArrayList<>();
        for (JavaClass type : classes) {
            if (!type.getPackageName().equals("cn.daiban.command.delegation")) {
                continue;
            }
            for (JavaField field : type.getFields()) {
                if (field.getModifiers().contains(JavaModifier.STATIC) || field.isAnnotatedWith(AggregateMember.class)
                        || field.getName().startsWith("$")) {
                    continue;
                }
                boolean read = field.getAccessesToSelf().stream().anyMatch(access ->
                        access.getAccessType() == JavaFieldAccess.AccessType.GET
                                && !access.getOrigin().isAnnotatedWith(EventSourcingHandler.class)
                                && !(type.isRecord() && access.getOrigin().getName().equals(field.getName())));
                boolean readThroughItsAccessor = type.isRecord() && type.tryGetMethod(field.getName())
                        .map(accessor -> !accessor.getAccessesToSelf().isEmpty()).orElse(false);
                if (!read && !readThroughItsAccessor) {
                    unread.add(type.getSimpleName() + "." + field.getName());
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(unread).isEmpty();
    }

    /**
     * The delegation reads in one sitting (docs/adr/0001): no class of its package is over about 350 lines; a part
     * that grows past that becomes a member of its own.
     */
    @Test
    void noClassOfTheDelegationPackageIsOverAbout350Lines() throws java.io.IOException {
        // Surefire runs in the module directory: the sources are read as text.
        java.nio.file.Path dir = java.nio.file.Path.of("src/main/java/cn/daiban/command/delegation");
        java.util.Map<String, Integer> lines = new java.util.TreeMap<>();
        try (java.util.stream.Stream<java.nio.file.Path> sources = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path source : sources.toList()) {
                lines.put(source.getFileName().toString(), java.nio.file.Files.readAllLines(source).size());
            }
        }
        org.assertj.core.api.Assertions.assertThat(lines).hasSizeGreaterThan(10);
        org.assertj.core.api.Assertions.assertThat(lines).allSatisfy((file, count) ->
                org.assertj.core.api.Assertions.assertThat(count).as(file).isLessThanOrEqualTo(350));
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
