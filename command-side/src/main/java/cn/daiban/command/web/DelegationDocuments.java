package cn.daiban.command.web;

import cn.daiban.kernel.calendar.ServiceClock;
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
 * completion or termination notice (办结单 / 终止单).
 */
@Component
class DelegationDocuments {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final EventStore eventStore;
    private final ZoneId zone;

    DelegationDocuments(EventStore eventStore, ServiceClock clock) {
        this.eventStore = eventStore;
        this.zone = clock.zone();
    }

    /** What the stream says, folded into the facts the documents print. */
    private static final class Dossier {
        DelegationCommissionedEvent commissioned;
        java.time.Instant commissionedAt;
        AssistConvertedToProxyEvent converted;
        final List<SupplementRequestedEvent> supplements = new ArrayList<>();
        SupplementReceivedEvent lastReceipt;
        DelegationSuspendedEvent suspension;
        DelegationResumedEvent resumption;
        DelegationCompletedEvent completed;
        DelegationTerminatedEvent terminated;
    }

    Optional<String> render(String delegationId, String document) {
        Dossier dossier = load(delegationId);
        if (dossier.commissioned == null) {
            return Optional.empty();
        }
        return Optional.of(switch (document) {
            case "acceptance-form" -> acceptanceForm(dossier);
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

    private String acceptanceForm(Dossier d) {
        DelegationCommissionedEvent c = d.commissioned;
        String number = c.acceptanceFormNumber() != null ? c.acceptanceFormNumber().value()
                : d.converted != null ? d.converted.acceptanceFormNumber().value() : null;
        if (number == null) {
            throw new DocumentNotIssuedException("acceptance-form",
                    "an assist (帮办) has no acceptance form; one is issued when it becomes a proxy");
        }
        Client client = d.converted != null ? d.converted.client() : c.client();
        List<String> notes = new ArrayList<>(d.converted != null ? d.converted.notes() : c.notes());
        notes.add("本服务免费，除法定收费外不收取任何费用。");
        if (!c.toleratedGaps().isEmpty()) {
            c.toleratedGaps().forEach(gap -> notes.add("容缺受理：" + gap.materialName() + "，承诺于"
                    + DATE.format(gap.committedDate()) + "前补交。"));
        }
        String supervision = d.converted != null ? d.converted.supervisionPhone() : c.supervisionPhone();
        String leader = String.valueOf(d.converted != null ? d.converted.teamLeaderId() : c.teamLeaderId());
        StringBuilder rows = new StringBuilder();
        row(rows, "受理单编号", number);
        row(rows, "申请人", client.name());
        row(rows, "身份证号 / 统一社会信用代码", client.residentId() != null ? client.residentId().value()
                : client.creditCode() != null ? client.creditCode().value() : "");
        row(rows, "联系电话", client.phone() == null ? "" : client.phone().value());
        row(rows, "申请事项", c.itemName() + "（" + c.department() + "）");
        row(rows, "受理时间", TIME.format(d.commissionedAt.atZone(zone)));
        row(rows, "受理站点", c.stationCode().value());
        row(rows, "接件人 / 承办人", c.agentId().value());
        row(rows, "承诺办结时限", c.promisedWorkingDays() + " 个工作日（" + DATE.format(c.deadline()) + "前"
                + (c.isDeadlineProvisional() ? "，暂定：该年度节假日安排尚未公布，公布后重新计算并告知" : "") + "）");
        row(rows, "队长签字", leader);
        row(rows, "申请人签字确认", (d.converted != null ? d.converted.applicantSigned() : c.applicantSigned()) ? "已签字" : "");
        StringBuilder noteList = new StringBuilder("<ol>");
        notes.forEach(note -> noteList.append("<li>").append(esc(note)).append("</li>"));
        noteList.append("</ol>");
        String part = "<table>" + rows + "</table><h3>注意事项</h3>" + noteList
                + "<p>投诉监督电话：" + esc(supervision) + "</p>";
        return page("代办受理单 " + number,
                "<section><h2>代办受理单（存根联）</h2>" + part + "</section>"
                        + "<div class=\"cut\">✂ - - - - - - - - - - - - - - - - - - - - - - - - - - - -</div>"
                        + "<section><h2>代办受理单（回执联）</h2>" + part + "</section>");
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
