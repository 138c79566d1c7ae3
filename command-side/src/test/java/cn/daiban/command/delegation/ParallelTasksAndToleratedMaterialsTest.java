package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;

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
