package cn.daiban.kernel.consultation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a consultation (接待咨询记录: name, contact, content, result, `000 §6.1.4`); with an answer it was answered at once. */
public record RecordConsultationCommand(@TargetAggregateIdentifier ConsultationId consultationId, StationCode stationCode, AgentId agentId, String visitorName, PhoneNumber contact, ConsultationChannel channel, String content, String answer) implements StationScoped {

    public RecordConsultationCommand {
        Require.present(consultationId, "consultationId");
        Require.present(stationCode, "stationCode");
        visitorName = Require.text(visitorName, "visitorName", 100);
        Require.present(contact, "contact");
        Require.present(channel, "channel");
        content = Require.text(content, "content", 2000);
        answer = Require.optionalText(answer, "answer", 2000);
    }
}
