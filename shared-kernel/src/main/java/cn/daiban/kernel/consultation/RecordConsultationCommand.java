package cn.daiban.kernel.consultation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a consultation (接待咨询记录: name, contact, content, result, `000 §6.1.4`); with an answer it was answered at
 * once. The matter asked about, when the visitor named one (`001 §7.1.2` 掌握本地群众高频次的办事需求): an item of the
 * catalogue ({@code itemCode}), or in the visitor's words when the catalogue has none ({@code itemAsked}); either,
 * both or neither.
 */
public record RecordConsultationCommand(@TargetAggregateIdentifier ConsultationId consultationId, StationCode stationCode,
                                        AgentId agentId, String visitorName, PhoneNumber contact,
                                        ConsultationChannel channel, String content, String answer,
                                        ServiceItemCode itemCode, String itemAsked) implements StationScoped {

    public RecordConsultationCommand {
        Require.present(consultationId, "consultationId");
        Require.present(stationCode, "stationCode");
        visitorName = Require.text(visitorName, "visitorName", 100);
        Require.present(contact, "contact");
        Require.present(channel, "channel");
        content = Require.text(content, "content", 2000);
        answer = Require.optionalText(answer, "answer", 2000);
        itemAsked = Require.optionalText(itemAsked, "itemAsked", 200);
    }

    /** A consultation that names no matter. */
    public RecordConsultationCommand(ConsultationId consultationId, StationCode stationCode, AgentId agentId,
                                     String visitorName, PhoneNumber contact, ConsultationChannel channel,
                                     String content, String answer) {
        this(consultationId, stationCode, agentId, visitorName, contact, channel, content, answer, null, null);
    }
}
