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
}
