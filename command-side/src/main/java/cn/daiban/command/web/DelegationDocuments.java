package cn.daiban.command.web;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.delegation.AgentReassignedEvent;
import cn.daiban.kernel.delegation.ApplicantCommitments;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.consultation.ConsultationRecordedEvent;
import cn.daiban.kernel.consultation.OneTimeNoticeGivenEvent;
import cn.daiban.kernel.delegation.AssistConvertedToProxyEvent;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationResumedEvent;
import cn.daiban.kernel.delegation.DelegationSuspendedEvent;
import cn.daiban.kernel.delegation.DelegationTerminatedEvent;
import cn.daiban.kernel.delegation.MissingMaterial;
import cn.daiban.kernel.delegation.SupplementReceivedEvent;
import cn.daiban.kernel.delegation.SupplementRequestedEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import cn.daiban.kernel.privacy.PersonalData;
import cn.daiban.security.privacy.Mask;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The printable documents a step issues, rendered as HTML from the delegation's own event stream (so they always
 * say what was recorded): the acceptance form with stub and receipt (受理单 存根联 / 回执联, `002 表A.2`,
 * `000 附录A`), the one-time notice of missing materials (一次性告知单), the suspension notice (中止单) and the
 * completion or termination notice (办结单 / 终止单); and, from a consultation's stream, the one-time notice a
 * pre-check gave (一次性告知单, `003 附件3 六3`, `004 §6.3.5`).
 */
@Component
class DelegationDocuments {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final EventStore eventStore;
    private final AgentRegistry agents;
    private final ZoneId zone;

    DelegationDocuments(EventStore eventStore, AgentRegistry agents, ServiceClock clock) {
        this.eventStore = eventStore;
        this.agents = agents;
        this.zone = clock.zone();
    }

    /**
     * How the client's resident ID and phone are printed: in full only for a read on the logged personal-data path
     * (the station's staff and administrators, recorded in the access log); masked for every other reader, such as
     * a supervisor (`002 廉洁服务`: 不应泄露服务对象提交的申请材料和相关信息).
     */
    enum Disclosure {
        FULL, MASKED
    }

    /** What the stream says, folded into the facts the documents print. */
    private static final class Dossier {
        DelegationCommissionedEvent commissioned;
        java.time.Instant commissionedAt;
        AssistConvertedToProxyEvent converted;
        AgentReassignedEvent lastReassignment;
        final List<SupplementRequestedEvent> supplements = new ArrayList<>();
        SupplementReceivedEvent lastReceipt;
        DelegationSuspendedEvent suspension;
        DelegationResumedEvent resumption;
        DelegationCompletedEvent completed;
        DelegationTerminatedEvent terminated;
    }

    Optional<String> render(String delegationId, String document, Disclosure disclosure) {
        Dossier dossier = load(delegationId);
        if (dossier.commissioned == null) {
            return Optional.empty();
        }
        return Optional.of(switch (document) {
            case "acceptance-form" -> acceptanceForm(dossier, disclosure);
            case "supplement-notice" -> supplementNotice(dossier);
            case "suspension-notice" -> suspensionNotice(dossier);
            case "closing-notice" -> closingNotice(dossier);
            default -> throw new UnknownDocumentException(document);
        });
    }

    private Dossier load(String delegationId) {
        Dossier dossier = new Dossier();
        DomainEventStream stream = eventStore.readEvents(delegationId);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            if (payload instanceof DelegationCommissionedEvent event) {
                dossier.commissioned = event;
                // Taken in on paper and entered later (补录): the form shows when it was taken in.
                Object occurredAt = message.getMetaData().get(cn.daiban.kernel.common.MetadataKeys.OCCURRED_AT);
                dossier.commissionedAt = occurredAt != null ? java.time.Instant.parse(occurredAt.toString())
                        : message.getTimestamp();
            } else if (payload instanceof AssistConvertedToProxyEvent event) {
                dossier.converted = event;
            } else if (payload instanceof AgentReassignedEvent event) {
                dossier.lastReassignment = event;
            } else if (payload instanceof SupplementRequestedEvent event) {
                dossier.supplements.add(event);
            } else if (payload instanceof SupplementReceivedEvent event) {
                dossier.lastReceipt = event;
            } else if (payload instanceof DelegationSuspendedEvent event) {
                dossier.suspension = event;
                dossier.resumption = null;
            } else if (payload instanceof DelegationResumedEvent event) {
                dossier.resumption = event;
            } else if (payload instanceof DelegationCompletedEvent event) {
                dossier.completed = event;
            } else if (payload instanceof DelegationTerminatedEvent event) {
                dossier.terminated = event;
            }
        }
        return dossier;
    }

    /**
     * 002 表A.2 (代办事项受理单), with stub and receipt (000 附录A): 编号, 申请人, 身份证号码, 联系电话, 申请办理事项, 申请时间,
     * 受理人, 受理时间, 办理人, 承诺时限, 受理情况, 队长签字, the six 注意事项 word for word (in the version the applicant
     * signed), and 申请人确认“帮办代办”服务签字. 受理人 is the first receiver (003 三(五)), 办理人 the agent handling it now;
     * both, and the team leader, by name as recorded when it happened (the agent registry's current name for events
     * written before names were recorded).
     */
    private String acceptanceForm(Dossier d, Disclosure disclosure) {
        DelegationCommissionedEvent c = d.commissioned;
        String number = c.acceptanceFormNumber() != null ? c.acceptanceFormNumber().value()
                : d.converted != null ? d.converted.acceptanceFormNumber().value() : null;
        if (number == null) {
            throw new DocumentNotIssuedException("acceptance-form",
                    "an assist (帮办) has no acceptance form; one is issued when it becomes a proxy");
        }
        Client client = d.converted != null ? d.converted.client() : c.client();
        String supervision = d.converted != null ? d.converted.supervisionPhone() : c.supervisionPhone();
        AgentId leaderId = d.converted != null ? d.converted.teamLeaderId() : c.teamLeaderId();
        String leader = name(leaderId, d.converted != null ? d.converted.teamLeaderName() : c.teamLeaderName());
        String receiver = name(c.agentId(), c.agentName());
        String handler = d.lastReassignment == null ? receiver
                : name(d.lastReassignment.newAgentId(), d.lastReassignment.newAgentName());
        String version = d.converted != null ? d.converted.commitmentsVersion() : c.commitmentsVersion();
        Optional<List<String>> signed = ApplicantCommitments.text(version);
        List<String> commitments = ApplicantCommitments.printed(signed.orElse(ApplicantCommitments.TABLE_A2),
                supervision);
        java.time.Instant applied = c.appliedAt() != null ? c.appliedAt() : d.commissionedAt;
        String id = client.residentId() != null ? client.residentId().value()
                : client.creditCode() != null ? client.creditCode().value() : "";
        String phone = client.phone() == null ? "" : client.phone().value();
        if (disclosure == Disclosure.MASKED) {
            // An erased client reads as erased already; a credit code is an enterprise's, not personal data.
            id = client.residentId() != null && !PersonalData.ERASED.equals(id) ? Mask.residentId(id) : id;
            phone = PersonalData.ERASED.equals(phone) ? phone : Mask.phone(phone);
        }
        List<String> remarks = new ArrayList<>(d.converted != null ? d.converted.notes() : c.notes());
        remarks.add("本服务免费，除法定收费外不收取任何费用。");
        StringBuilder rows = new StringBuilder();
        row(rows, "编号", number);
        row(rows, "申请人", client.name());
        row(rows, "身份证号码 / 统一社会信用代码", id);
        row(rows, "联系电话", phone);
        row(rows, "申请办理事项", c.itemName() + "（" + c.department() + "）");
        row(rows, "申请时间", TIME.format(applied.atZone(zone)));
        row(rows, "受理人", receiver);
        row(rows, "受理时间", TIME.format(d.commissionedAt.atZone(zone)));
        row(rows, "办理人", handler);
        row(rows, "承诺时限", c.promisedWorkingDays() + " 个工作日（" + DATE.format(c.deadline()) + "前"
                + (c.isDeadlineProvisional() ? "，暂定：该年度节假日安排尚未公布，公布后重新计算并告知" : "") + "）");
        row(rows, "受理情况", acceptance(c));
        row(rows, "队长签字", leader);
        row(rows, "受理站点", c.stationCode().value());
        StringBuilder noteList = new StringBuilder("<ol class=\"commitments\">");
        commitments.forEach(note -> noteList.append("<li>").append(esc(note)).append("</li>"));
        noteList.append("</ol>");
        StringBuilder remarkList = new StringBuilder("<ul>");
        remarks.forEach(note -> remarkList.append("<li>").append(esc(note)).append("</li>"));
        remarkList.append("</ul>");
        boolean applicantSigned = d.converted != null ? d.converted.applicantSigned() : c.applicantSigned();
        String part = "<table>" + rows + "</table><h3>注意事项：</h3>" + noteList
                + "<p class=\"version\">注意事项文本版本：" + esc(version == null ? "签署时未记录（按现行文本打印）"
                : signed.isPresent() ? version : version + "（本版本未知，按现行文本打印）") + "</p>"
                + "<h3>备注</h3>" + remarkList
                + "<p>申请人确认“帮办代办”服务签字：" + (applicantSigned ? "已签字" : "") + "</p>"
                + "<p>投诉监督电话：" + esc(supervision) + "</p>";
        return page("代办受理单 " + number,
                "<section><h2>代办事项受理单（存根联）</h2>" + part + "</section>"
                        + "<div class=\"cut\">✂ - - - - - - - - - - - - - - - - - - - - - - - - - - - -</div>"
                        + "<section><h2>代办事项受理单（回执联）</h2>" + part + "</section>");
    }

    /**
     * 受理情况: accepted (a form is issued only for an accepted proxy), with the tolerated gaps and their committed
     * dates (容缺受理, 002 表A.2 注意事项4) and whether the matter goes up for a decision. Assumption: the seed names the
     * field but not its content; this is what the record holds about the acceptance.
     */
    private static String acceptance(DelegationCommissionedEvent c) {
        StringBuilder text = new StringBuilder("资料预审符合条件，予以受理");
        c.toleratedGaps().forEach(gap -> text.append("；容缺受理：").append(gap.materialName()).append("，承诺于")
                .append(DATE.format(gap.committedDate())).append("前补交"));
        if (c.outsideAuthority()) {
            text.append("；本级无审批权限，需上报有权限层级办理");
        }
        return text.append("。").toString();
    }

    /** The recorded name, else the agent registry's, else the id (an agent the registry does not know). */
    private String name(AgentId id, String recorded) {
        if (recorded != null) {
            return recorded;
        }
        if (id == null) {
            return "";
        }
        return agents.find(id).map(AgentRegistry.RegisteredAgent::name).orElse(id.value());
    }

    private String supplementNotice(Dossier d) {
        if (d.supplements.isEmpty()) {
            throw new DocumentNotIssuedException("supplement-notice", "no materials have been requested");
        }
        SupplementRequestedEvent request = d.supplements.get(d.supplements.size() - 1);
        StringBuilder list = new StringBuilder("<table><tr><th>序号</th><th>需补正材料</th><th>获取方式</th></tr>");
        int i = 1;
        for (MissingMaterial material : request.materials()) {
            list.append("<tr><td>").append(i++).append("</td><td>").append(esc(material.name())).append("</td><td>")
                    .append(esc(material.howToObtain())).append("</td></tr>");
        }
        list.append("</table>");
        String body = "<p>" + esc(d.commissioned.client().name()) + "：</p><p>您申请办理的“"
                + esc(d.commissioned.itemName()) + "”尚需补正以下材料，现一次性告知如下，请于 "
                + DATE.format(request.dueDate()) + " 前补交。补正期间不计入办理时限。</p>" + list
                + (request.breachOfOneTimeNotice() ? "<p class=\"flag\">第 " + request.requestNumber()
                + " 次补正告知，原因：" + esc(request.justification()) + "</p>" : "")
                + "<p>告知日期：" + DATE.format(request.requestedOn()) + "　投诉监督电话："
                + esc(d.commissioned.supervisionPhone()) + "</p>";
        return page("一次性告知单", "<h2>一次性告知单</h2>" + body);
    }

    private String suspensionNotice(Dossier d) {
        if (d.suspension == null) {
            throw new DocumentNotIssuedException("suspension-notice", "the delegation has not been suspended");
        }
        DelegationSuspendedEvent s = d.suspension;
        String body = "<p>" + esc(d.commissioned.client().name()) + "：</p><p>您申请办理的“"
                + esc(d.commissioned.itemName()) + "”因“" + esc(s.reason().label()) + "”自 "
                + DATE.format(s.suspendedOn()) + " 起中止办理" + (s.note() == null ? "" : "（" + esc(s.note()) + "）")
                + "。中止期间不计入办理时限。</p><p>中止原因消除后，请于 " + DATE.format(s.continuationDeadline())
                + " 前到" + esc(d.commissioned.stationCode().value()) + "站申请续办；逾期未续办的，本次服务终止。</p>"
                + "<p>投诉监督电话：" + esc(d.commissioned.supervisionPhone()) + "</p>";
        return page("中止单", "<h2>代办服务中止告知单</h2>" + body);
    }

    private String closingNotice(Dossier d) {
        if (d.completed != null) {
            DelegationCompletedEvent c = d.completed;
            String outcome = c.successful()
                    ? "已办结，办理结果：" + esc(c.resultReference())
                    : "未能办成，原因：" + esc(c.failureReason()) + "。我们已向您说明情况，可在您同意后协助重新申请。";
            return page("办结单", "<h2>办结告知单</h2><p>" + esc(d.commissioned.client().name()) + "：</p><p>您申请办理的“"
                    + esc(d.commissioned.itemName()) + "”于 " + DATE.format(c.completedOn()) + " " + outcome
                    + "</p><p>承诺时限：" + DATE.format(c.deadline()) + "（" + (c.onTime() ? "按时办结" : "超期办结")
                    + "）</p><p>投诉监督电话：" + esc(d.commissioned.supervisionPhone()) + "</p>");
        }
        if (d.terminated != null) {
            DelegationTerminatedEvent t = d.terminated;
            return page("终止单", "<h2>代办服务终止告知单</h2><p>" + esc(d.commissioned.client().name())
                    + "：</p><p>您申请办理的“" + esc(d.commissioned.itemName()) + "”于 " + DATE.format(t.terminatedOn())
                    + " 终止，原因：" + esc(t.reason().label()) + (t.note() == null ? "" : "（" + esc(t.note()) + "）")
                    + "。</p><p>投诉监督电话：" + esc(d.commissioned.supervisionPhone()) + "</p>");
        }
        throw new DocumentNotIssuedException("closing-notice", "the delegation is neither completed nor terminated");
    }

    /**
     * The one-time notice (一次性告知单) of a consultation's latest pre-check that found something missing: every
     * missing material with how to obtain it, the tolerated ones with their dates, the item's conditions, process,
     * time limit and statutory fees, as recorded when it was given. Empty if no consultation has this id.
     */
    Optional<String> oneTimeNotice(String consultationId) {
        ConsultationRecordedEvent recorded = null;
        OneTimeNoticeGivenEvent notice = null;
        DomainEventStream stream = eventStore.readEvents(consultationId);
        while (stream.hasNext()) {
            Object payload = stream.next().getPayload();
            if (payload instanceof ConsultationRecordedEvent event) {
                recorded = event;
            } else if (payload instanceof OneTimeNoticeGivenEvent event) {
                notice = event;
            }
        }
        if (recorded == null) {
            return Optional.empty();
        }
        if (notice == null) {
            throw new DocumentNotIssuedException("one-time-notice",
                    "no pre-check of this consultation found a material missing: no one-time notice was given");
        }
        StringBuilder list = new StringBuilder("<table><tr><th>序号</th><th>需补齐材料</th><th>获取方式</th></tr>");
        int i = 1;
        for (MissingMaterial material : notice.missing()) {
            list.append("<tr><td>").append(i++).append("</td><td>").append(esc(material.name())).append("</td><td>")
                    .append(esc(material.howToObtain())).append("</td></tr>");
        }
        list.append("</table>");
        StringBuilder tolerated = new StringBuilder();
        if (!notice.tolerated().isEmpty()) {
            tolerated.append("<h3>容缺材料</h3><ul>");
            notice.tolerated().forEach(gap -> tolerated.append("<li>").append(esc(gap.materialName()))
                    .append("：承诺于 ").append(DATE.format(gap.committedDate())).append(" 前补交</li>"));
            tolerated.append("</ul>");
        }
        String guide = "以本站公示的服务指南为准";
        StringBuilder process = new StringBuilder();
        if (notice.process() == null) {
            process.append("<p>").append(guide).append("</p>");
        } else {
            process.append("<ol>");
            notice.process().forEach(step -> process.append("<li>").append(esc(step)).append("</li>"));
            process.append("</ol>");
        }
        StringBuilder fees = new StringBuilder();
        if (notice.fees().isEmpty()) {
            fees.append("无法定收费。");
        } else {
            for (StatutoryFee fee : notice.fees()) {
                fees.append(esc(fee.name())).append(" ").append(fee.amountFen() / 100).append(".")
                        .append(String.format("%02d", fee.amountFen() % 100)).append(" 元（依据：")
                        .append(esc(fee.legalBasis())).append("；收款单位：").append(esc(fee.payee())).append("）；");
            }
        }
        String body = "<p>" + esc(recorded.visitorName()) + "：</p><p>您咨询办理的“" + esc(notice.itemName()) + "”（"
                + esc(notice.department()) + "）经材料预审，尚缺以下材料，现一次性告知如下。材料齐全后即可受理，"
                + "不再要求您提交本告知单以外的材料。</p>" + list + tolerated
                + "<h3>申请条件</h3><p>" + (notice.conditions() == null ? guide : esc(notice.conditions())) + "</p>"
                + "<h3>办理流程</h3>" + process
                + "<h3>办理时限</h3><p>" + (notice.timeLimitWorkingDays() == 0 ? "即办（当场办结）"
                : "承诺 " + notice.timeLimitWorkingDays() + " 个工作日内办结（自受理之日起，补正材料期间不计入）") + "</p>"
                + "<h3>收费</h3><p>帮办代办服务免费。" + fees + "</p>"
                + "<p>告知日期：" + DATE.format(notice.givenOn()) + "　告知站点：" + esc(notice.stationCode().value())
                + "　投诉监督电话：" + esc(notice.supervisionPhone()) + "</p>";
        return Optional.of(page("一次性告知单", "<h2>一次性告知单</h2>" + body));
    }

    private static void row(StringBuilder rows, String label, String value) {
        rows.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\"><title>" + esc(title)
                + "</title><style>body{font-family:\"SimSun\",\"Songti SC\",serif;max-width:48em;margin:2em auto}"
                + "table{border-collapse:collapse;width:100%}th,td{border:1px solid #000;padding:.3em .5em;"
                + "text-align:left}.cut{text-align:center;margin:2em 0;color:#666}.flag{color:#a00}"
                + "@media print{.cut{page-break-after:always}}</style></head><body>" + body + "</body></html>";
    }

    /** The step that issues this document has not happened (yet): 409. */
    static class DocumentNotIssuedException extends RuntimeException {
        final String document;

        DocumentNotIssuedException(String document, String message) {
            super(message);
            this.document = document;
        }
    }

    /** No such kind of document: 404. */
    static class UnknownDocumentException extends RuntimeException {
        UnknownDocumentException(String document) {
            super("no document " + document + " (acceptance-form, supplement-notice, suspension-notice, closing-notice)");
        }
    }
}
