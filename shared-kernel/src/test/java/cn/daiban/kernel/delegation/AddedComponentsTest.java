package cn.daiban.kernel.delegation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Components added at the end of stored events are nullable: an event written before them (its JSON without
 * them) still deserializes, with null there, so no @Revision bump is needed; and the 注意事项 of `002 表A.2` are
 * kept word for word under a stable version.
 */
class AddedComponentsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eventsStoredBeforeTheNamesStillDeserialize() throws Exception {
        ObjectNode reassigned = json.valueToTree(new AgentReassignedEvent(DelegationId.of(
                "0b0e7a4e-5f8d-4c61-9d8e-6f1f4a2b3c4d"), null, cn.daiban.kernel.agent.AgentId.of(
                "6a1f0c2e-2222-4c3b-9a57-0d5f1e2a3b4c"), "请假", "李四"));
        reassigned.remove("newAgentName");
        AgentReassignedEvent old = json.treeToValue(reassigned, AgentReassignedEvent.class);
        assertThat(old.newAgentName()).isNull();
        assertThat(old.reason()).isEqualTo("请假");

        ObjectNode declined = json.valueToTree(new DelegationDeclinedEvent(DelegationId.of(
                "0b0e7a4e-5f8d-4c61-9d8e-6f1f4a2b3c4d"), DelegationKind.PROXY, null, null, null, "事项", null, "不符",
                null, "张三"));
        declined.remove("agentName");
        assertThat(json.treeToValue(declined, DelegationDeclinedEvent.class).agentName()).isNull();
    }

    /** A pause's move stored before the provisional mark: unmarked (the date as firm as it was). */
    @Test
    void pausesStoredBeforeTheProvisionalMarkStillDeserializeUnmarked() throws Exception {
        json.findAndRegisterModules();
        DelegationId id = DelegationId.of("0b0e7a4e-5f8d-4c61-9d8e-6f1f4a2b3c4d");
        ObjectNode received = json.valueToTree(new SupplementReceivedEvent(id, 1, java.time.LocalDate.of(2026, 12, 23),
                3, java.time.LocalDate.of(2026, 12, 29), java.time.LocalDate.of(2027, 1, 1), true));
        received.remove("deadlineProvisional");
        SupplementReceivedEvent oldReceipt = json.treeToValue(received, SupplementReceivedEvent.class);
        assertThat(oldReceipt.isDeadlineProvisional()).isFalse();
        assertThat(oldReceipt.pausedWorkingDays()).isEqualTo(3);
        ObjectNode resumed = json.valueToTree(new DelegationResumedEvent(id, java.time.LocalDate.of(2026, 12, 23), 5,
                java.time.LocalDate.of(2026, 12, 29), java.time.LocalDate.of(2027, 1, 5), true));
        resumed.remove("deadlineProvisional");
        assertThat(json.treeToValue(resumed, DelegationResumedEvent.class).isDeadlineProvisional()).isFalse();
    }

    /** 002 表A.2 注意事项: six lines, word for word; line 6 prints the station's supervision phone. */
    @Test
    void applicantCommitments_002_A2_areTheSixLinesOfTheSeed() {
        assertThat(ApplicantCommitments.TABLE_A2).hasSize(6);
        assertThat(ApplicantCommitments.TABLE_A2.get(0)).isEqualTo("1.申请人承诺所申请帮办代办事项必须合法合规，且具备受理条件；");
        assertThat(ApplicantCommitments.printed("0356-7021234").get(5))
                .isEqualTo("6.帮办代办服务投诉建议监督电话：0356-7021234。");
        assertThat(ApplicantCommitments.CURRENT).startsWith("002-A.2/sha256:").hasSize("002-A.2/sha256:".length() + 16);
        assertThat(ApplicantCommitments.text(ApplicantCommitments.CURRENT)).contains(ApplicantCommitments.TABLE_A2);
        assertThat(ApplicantCommitments.text("unknown")).isEmpty();
        assertThat(ApplicantCommitments.versionOf(List.of("x"))).isNotEqualTo(ApplicantCommitments.CURRENT);
    }
}
