package cn.daiban.command.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The matter's work log ({@link WorkLog}, 工作日志, `002 代办·承办`, `004 §6.3.3.2.3`): numbered entries from intake
 * until the archive, never dated ahead; a problem left open is resolved once, by a later entry.
 */
class WorkLogTest extends DelegationFixtureSupport {

    private static final Map<String, Object> BY_AGENT = Map.of("actorId", "village-agent");

    private static RecordWorkLogEntryCommand problem(String resolution) {
        return new RecordWorkLogEntryCommand(ID, WorkLogEntryKind.PROBLEM, null, "社保系统显示参保记录重复",
                "两地同时参保，需先在原参保地办理停保", resolution, null, null, null);
    }

    private static final RecordWorkLogEntryCommand COORDINATION = new RecordWorkLogEntryCommand(ID,
            WorkLogEntryKind.COORDINATION, NOW.minus(Duration.ofHours(1)), "电话联系县社保中心核实停保进度", null, null,
            "县人社局社保中心", "窗口张科长", null);

    @Test
    void workLogUntilArchived_entriesAreNumberedForAssistsAndProxiesAlike() {
        fixture().givenCurrentTime(NOW).andGivenCommands(assist(PENSION))
                .when(problem(null), BY_AGENT)
                .expectEvents(new WorkLogEntryRecordedEvent(ID, 1, "village-agent", NOW, WorkLogEntryKind.PROBLEM,
                        "社保系统显示参保记录重复", "两地同时参保，需先在原参保地办理停保", null, null, null, null));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), problem(null))
                .when(COORDINATION, BY_AGENT)
                .expectEvents(new WorkLogEntryRecordedEvent(ID, 2, "village-agent", NOW.minus(Duration.ofHours(1)),
                        WorkLogEntryKind.COORDINATION, "电话联系县社保中心核实停保进度", null, null, "县人社局社保中心",
                        "窗口张科长", null));
    }

    /** A matter completed, delivered, ended or declined keeps its log until the archive; an archived one does not. */
    @Test
    void workLogUntilArchived_notOnAnArchivedMatter() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST)
                .when(problem("已重新寄送")).expectSuccessfulHandlerExecution();
        fixture().givenCurrentTime(NOW).andGivenCommands(DECLINE)
                .when(problem("材料退还时发现缺页，已当面说明")).expectSuccessfulHandlerExecution();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COMPLETE, POST, SATISFIED, ARCHIVE)
                .when(problem("已解决")).expectException(refusedBy("work-log-until-archived")).expectNoEvents();
    }

    /**
     * An entry is a note with its own date, not a step at the counter: logged at 15:00, it does not keep a suspension
     * that happened at 11:00 from being entered after it from paper (补录).
     */
    @Test
    void anEntryDoesNotBoundTheStepsRecordedAfterTheFact() {
        fixture().givenCurrentTime(NOW).andGiven(pensionProxyCommissioned())
                .andGivenCurrentTime(at(TODAY, 15)).andGiven(new WorkLogEntryRecordedEvent(ID, 1, "village-agent",
                        at(TODAY, 15), WorkLogEntryKind.PROBLEM, "系统无法提交", null, null, null, null, null))
                .when(new SuspendDelegationCommand(ID, SuspensionReason.CLIENT_REQUEST, "外出务工"),
                        recordedLate(at(TODAY, 11)))
                .expectEvents(new DelegationSuspendedEvent(ID, SuspensionReason.CLIENT_REQUEST, "外出务工", TODAY,
                        LocalDate.of(2026, 12, 24)));
    }

    @Test
    void workLogNotAhead_anEntryRecordsWhatHappened() {
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(new RecordWorkLogEntryCommand(ID, WorkLogEntryKind.TRACKING, NOW.plus(Duration.ofHours(2)),
                        "明天去县里取件", null, null, null, null, null))
                .expectException(refusedBy("work-log-not-ahead")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(new RecordWorkLogEntryCommand(ID, WorkLogEntryKind.TRACKING, NOW.plusSeconds(30),
                        "已去县里取件", null, null, null, null, null))
                .expectSuccessfulHandlerExecution();
    }

    /** 出现问题，应及时进行分析、解决和记录: a problem left open is resolved by one later entry, once. */
    @Test
    void workLogResolvesAnOpenProblem_onceAndOnlyAProblemOfTheMatter() {
        RecordWorkLogEntryCommand resolving = new RecordWorkLogEntryCommand(ID, WorkLogEntryKind.COORDINATION, null,
                "原参保地已办理停保", null, "停保完成，重新提交参保登记", "县人社局社保中心", null, 1);
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), problem(null))
                .when(resolving, BY_AGENT)
                .expectEvents(new WorkLogEntryRecordedEvent(ID, 2, "village-agent", NOW, WorkLogEntryKind.COORDINATION,
                        "原参保地已办理停保", null, "停保完成，重新提交参保登记", "县人社局社保中心", null, 1));
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), problem(null), resolving)
                .when(resolving).expectException(refusedBy("work-log-resolves-an-open-problem")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), problem("当场解决"))
                .when(resolving).expectException(refusedBy("work-log-resolves-an-open-problem")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), COORDINATION)
                .when(resolving).expectException(refusedBy("work-log-resolves-an-open-problem")).expectNoEvents();
        // Not resolved before it was met: the problem was logged at 10:00.
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION), problem(null))
                .when(new RecordWorkLogEntryCommand(ID, WorkLogEntryKind.TRACKING, NOW.minus(Duration.ofHours(1)),
                        "已处理", null, "已处理", null, null, 1))
                .expectException(refusedBy("work-log-resolves-an-open-problem", "occurredAt")).expectNoEvents();
    }

    /** Bad input is refused before the matter is loaded, naming the field. */
    @Test
    void anEntryNamesItsDepartmentAndAResolvingEntryItsResolution() {
        assertThatThrownBy(() -> new RecordWorkLogEntryCommand(ID, WorkLogEntryKind.COORDINATION, null, "电话沟通",
                null, null, " ", null, null)).isInstanceOf(InvalidValueException.class).hasMessageContaining("department");
        assertThatThrownBy(() -> new RecordWorkLogEntryCommand(ID, WorkLogEntryKind.TRACKING, null, "已解决", null,
                null, null, null, 1)).isInstanceOf(InvalidValueException.class).hasMessageContaining("resolution");
        assertThatThrownBy(() -> new RecordWorkLogEntryCommand(ID, WorkLogEntryKind.TRACKING, null, " ", null,
                null, null, null, null)).isInstanceOf(InvalidValueException.class).hasMessageContaining("summary");
        assertThatThrownBy(() -> new RecordWorkLogEntryCommand(ID, null, null, "记录", null, null, null, null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("kind");
    }
}
