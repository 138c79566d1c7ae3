package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;

/**
 * What a matter still waits for besides the agent ({@link ParallelTasks}, {@link ToleratedMaterials}): every
 * department of a parallel matter, and materials accepted as missing.
 */
class ParallelTasksAndToleratedMaterialsTest extends DelegationFixtureSupport {

    @Test
    void toleratedMaterialPastItsCommittedDateIsFollowedUp() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(commissioning().toleratedGaps(new ToleratedGap("户口簿", TODAY.plusDays(1))).build())
                .whenTimeAdvancesTo(at(TODAY.plusDays(2), 1))
                .expectEvents(new ToleratedMaterialOverdueEvent(ID, "户口簿", TODAY.plusDays(1)));
    }

    /**
     * Followed up like a supplement (`DOMAIN.md` "Tolerated gaps"; 002 服务中止与续办): one reminder when the committed
     * date passes, and still missing after the supplement's grace (two working days: Friday 11-27) the matter is
     * suspended, materials overdue, by itself; a manual suspension for overdue materials is refused, so there was no
     * way to suspend it for that reason before.
     */
    @Test
    void toleratedMaterialStillMissingAfterTheGraceSuspendsTheMatter() {
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(commissioning().toleratedGaps(new ToleratedGap("户口簿", TODAY.plusDays(1))).build())
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 11, 28), 1))
                .expectEvents(new ToleratedMaterialOverdueEvent(ID, "户口簿", TODAY.plusDays(1)),
                        new DelegationSuspendedEvent(ID, SuspensionReason.MATERIALS_OVERDUE,
                                "逾期未补交容缺材料（户口簿，承诺2026-11-25前补交），已提醒一次",
                                LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 28)));
    }

    /**
     * Brought by its date, or the matter suspended already for another reason: no suspension for it. (The fixture
     * cannot receive the material between the reminder and the final check, which asks again whether it is missing.)
     */
    @Test
    void toleratedMaterialBroughtInTimeOrAMatterSuspendedAlreadyIsNotSuspendedForIt() {
        CommissionDelegationCommand tolerated = commissioning()
                .toleratedGaps(new ToleratedGap("户口簿", TODAY.plusDays(1))).build();
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(tolerated, new ReceiveToleratedMaterialCommand(ID, "户口簿"))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 11, 28), 1))
                .expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(tolerated, new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, "外出务工"))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 11, 28), 1))
                .expectEvents(new ToleratedMaterialOverdueEvent(ID, "户口簿", TODAY.plusDays(1)));
    }

    /** Two materials promised for the same day: each reminded of once, and the matter suspended once. */
    @Test
    void twoToleratedMaterialsDueTheSameDayAreEachRemindedOfOnce() {
        ServiceItemDefinition pension = PENSION_ITEM;
        List<RequiredMaterial> materials = new ArrayList<>(pension.materials());
        materials.add(new RequiredMaterial("结婚证", "本人携带", false));
        items.put(PENSION, new ServiceItemCatalog.PublishedServiceItem(PENSION, 2, new ServiceItemDefinition(
                pension.name(), pension.department(), pension.authorityLevels(), materials,
                pension.timeLimitWorkingDays(), pension.fees(), pension.touchesPrivacy(), pension.onlineAvailable(),
                pension.conditions(), pension.process(), pension.legalBasis()), false));
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(commissioning().toleratedGaps(new ToleratedGap("户口簿", TODAY.plusDays(1)),
                        new ToleratedGap("结婚证", TODAY.plusDays(1))).build())
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 11, 28), 1))
                .expectEvents(new ToleratedMaterialOverdueEvent(ID, "户口簿", TODAY.plusDays(1)),
                        new ToleratedMaterialOverdueEvent(ID, "结婚证", TODAY.plusDays(1)),
                        new DelegationSuspendedEvent(ID, SuspensionReason.MATERIALS_OVERDUE,
                                "逾期未补交容缺材料（户口簿，承诺2026-11-25前补交），已提醒一次",
                                LocalDate.of(2026, 11, 28), LocalDate.of(2026, 12, 28)));
    }

    /** 并联办理: a result is recorded for a department of the matter, once. */
    @Test
    void aDepartmentOfTheMatterReportsItsResultOnce() {
        CommissionDelegationCommand parallel = commissioning().parallelDepartments("人社", "医保").build();
        fixture().givenCurrentTime(NOW).andGivenCommands(parallel)
                .when(new RecordParallelTaskCompletedCommand(ID, "公安", true, null))
                .expectException(refusedBy("parallel-task-exists", "department")).expectNoEvents();
        fixture().givenCurrentTime(NOW)
                .andGivenCommands(parallel, new RecordParallelTaskCompletedCommand(ID, "人社", true, null))
                .when(new RecordParallelTaskCompletedCommand(ID, "人社", false, "重复"))
                .expectException(refusedBy("parallel-task-open")).expectNoEvents();
    }

    /**
     * 002 一站式办理 (并联办理): one department refused its part and the matter is not done. A successful completion
     * is refused by name; completing as failed, with the reason, is what is left.
     */
    @Test
    void aMatterADepartmentRefusedCompletesOnlyAsFailed() {
        CommissionDelegationCommand parallel = commissioning().parallelDepartments("人社", "医保").build();
        fixture().givenCurrentTime(NOW).andGivenCommands(parallel,
                        new RecordParallelTaskCompletedCommand(ID, "人社", true, null),
                        new RecordParallelTaskCompletedCommand(ID, "医保", false, "参保信息不符"))
                .when(new CompleteDelegationCommand(ID, true, "参保登记号 1405210001", null))
                .expectException(refusedBy("parallel-tasks-approved", "successful"))
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("医保")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(parallel,
                        new RecordParallelTaskCompletedCommand(ID, "人社", true, null),
                        new RecordParallelTaskCompletedCommand(ID, "医保", false, "参保信息不符"))
                .when(new CompleteDelegationCommand(ID, false, null, "医保部门不予办理：参保信息不符"))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(
                                matches(event ->
                                        event instanceof DelegationCompletedEvent done && !done.successful())),
                        andNoMore()));
        fixture().givenCurrentTime(NOW).andGivenCommands(parallel,
                        new RecordParallelTaskCompletedCommand(ID, "人社", true, null),
                        new RecordParallelTaskCompletedCommand(ID, "医保", true, null))
                .when(new CompleteDelegationCommand(ID, true, "参保登记号 1405210001", null))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(
                                matches(event ->
                                        event instanceof DelegationCompletedEvent done && done.successful())),
                        andNoMore()));
    }

    /** 容缺受理: only a material accepted as missing, and still outstanding, is received as such. */
    @Test
    void onlyAnOutstandingToleratedMaterialIsReceived() {
        CommissionDelegationCommand tolerated = commissioning()
                .toleratedGaps(new ToleratedGap("户口簿", TODAY.plusDays(3))).build();
        fixture().givenCurrentTime(NOW).andGivenCommands(tolerated)
                .when(new ReceiveToleratedMaterialCommand(ID, "居民身份证"))
                .expectException(refusedBy("tolerated-material-outstanding", "materialName")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(tolerated, new ReceiveToleratedMaterialCommand(ID, "户口簿"))
                .when(new ReceiveToleratedMaterialCommand(ID, "户口簿"))
                .expectException(refusedBy("tolerated-material-outstanding", "materialName")).expectNoEvents();
    }
}
