package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;

/**
 * The contacts with the client after completion ({@link FollowUps}): the phone follow-up after delivery and the
 * follow-up contact until the archive, each a numbered record, neither dated ahead.
 */
class FollowUpsTest extends DelegationFixtureSupport {

    /** 电话回访 (`004 §7.1.3`): a record of its own, after delivery: who called, when, reached or not, what was said. */
    @Test
    void phoneFollowUp_isARecordOfItsOwnOnceDelivered() {
        RecordPhoneFollowUpCommand call = new RecordPhoneFollowUpCommand(ID, null, false, "无人接听");
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(call).expectException(refusedBy("follow-up-after-delivery")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(call, java.util.Map.of("actorId", "village-agent"))
                .expectEvents(new PhoneFollowUpRecordedEvent(ID, 1, "village-agent", NOW, false, "无人接听", null, false));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(new RecordPhoneFollowUpCommand(ID, NOW.plus(Duration.ofDays(1)), true, "明天再打"))
                .expectException(refusedBy("follow-up-after-delivery")).expectNoEvents();
    }

    /** 电话回访 (`004 §7.1.3`) also after an evaluation exists; a call following a poor grade is marked so. */
    @Test
    void phoneFollowUp_afterAPoorGradeIsCountedAsSuch() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, POOR,
                        new RecordPhoneFollowUpCommand(ID, NOW.minus(Duration.ofHours(1)), false, "未接通"))
                .when(new RecordPhoneFollowUpCommand(ID, NOW, true, "了解到等待时间长"),
                        java.util.Map.of("actorId", "village-manager"))
                .expectEvents(new PhoneFollowUpRecordedEvent(ID, 2, "village-manager", NOW, true, "了解到等待时间长", 1,
                        true));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED, ARCHIVE)
                .when(new RecordPhoneFollowUpCommand(ID, NOW, true, "满意"))
                .expectEvents(new PhoneFollowUpRecordedEvent(ID, 1, null, NOW, true, "满意", 1, false));
    }

    /**
     * 跟踪服务 (`002 一站式办理`: 办理完结后…提供跟踪服务): a follow-up contact (who, when, channel, what) on a completed
     * or delivered matter, until it is archived; not before completion, not after the archive, not dated ahead.
     */
    @Test
    void followUpUntilArchived_fromCompletionUntilTheArchive() {
        RecordFollowUpContactCommand contact = new RecordFollowUpContactCommand(ID, null, ProgressChannel.SMS,
                "提醒领取证照及办理后续事项");
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(contact).expectException(refusedBy("follow-up-until-archived")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(contact, java.util.Map.of("actorId", "village-agent"))
                .expectEvents(new FollowUpContactRecordedEvent(ID, 1, "village-agent", NOW, ProgressChannel.SMS,
                        "提醒领取证照及办理后续事项"));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, contact, POST)
                .when(new RecordFollowUpContactCommand(ID, NOW.minus(Duration.ofHours(2)), ProgressChannel.PHONE,
                        "告知结果已寄出"), java.util.Map.of("actorId", "village-manager"))
                .expectEvents(new FollowUpContactRecordedEvent(ID, 2, "village-manager",
                        NOW.minus(Duration.ofHours(2)), ProgressChannel.PHONE, "告知结果已寄出"));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED, ARCHIVE)
                .when(contact).expectException(refusedBy("follow-up-until-archived")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE)
                .when(new RecordFollowUpContactCommand(ID, NOW.plus(Duration.ofDays(1)), ProgressChannel.PHONE, "明天"))
                .expectException(refusedBy("follow-up-until-archived")).expectNoEvents();
    }
}
