package cn.daiban.query.notification;

import cn.daiban.kernel.appointment.AppointmentBookedEvent;
import cn.daiban.kernel.appointment.AppointmentCancelledEvent;
import cn.daiban.kernel.complaint.ComplaintFeedbackGivenEvent;
import cn.daiban.kernel.complaint.ComplaintReceivedEvent;
import cn.daiban.kernel.delegation.*;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the events the standards name into client notifications, written to the outbox in the projection's own
 * transaction together with its token: each (event, template) once, never lost. Sending is the dispatcher's job.
 * A rebuild does not produce them again (the rows are keyed by event and kept; the reset keeps the outbox).
 */
@Component
@ProcessingGroup("notifications")
class NotificationOutbox {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate jdbc;
    private final NotificationTemplates templates;

    NotificationOutbox(JdbcTemplate jdbc, NotificationTemplates templates) {
        this.jdbc = jdbc;
        this.templates = templates;
    }

    // --------------------------------------------------------------------------------------------- bookings

    @EventHandler
    void on(AppointmentBookedEvent e, EventMessage<?> m) {
        recipient(e.appointmentId().value(), e.clientName(), e.phone().value(), e.itemCode().value(),
                e.stationCode().value());
        Map<String, String> values = Map.of("date", e.date().toString(), "time", e.slotStart().toString());
        notify(m, e.appointmentId().value(), "booking-confirmed", values, Instant.now());
        Instant reminder = e.date().minusDays(1).atTime(9, 0).atZone(ZONE).toInstant();
        if (reminder.isAfter(m.getTimestamp())) {
            notify(m, e.appointmentId().value(), "booking-reminder", values, reminder);
        }
    }

    @EventHandler
    void on(AppointmentCancelledEvent e) {
        jdbc.update("""
                update notification_outbox set status = 'CANCELLED'
                where subject_id = ? and template = 'booking-reminder' and status = 'PENDING'""", e.appointmentId().value());
    }

    // ------------------------------------------------------------------------------------------ delegations

    @EventHandler
    void on(DelegationCommissionedEvent e, EventMessage<?> m) {
        if (e.client().phone() == null) {
            return;
        }
        recipient(e.delegationId().value(), e.client().name(), e.client().phone().value(), e.itemName(),
                e.stationCode().value());
        notify(m, e.delegationId().value(), "accepted", Map.of("form",
                e.acceptanceFormNumber() == null ? "—" : e.acceptanceFormNumber().value(),
                "deadline", e.deadline().toString(), "supervision", e.supervisionPhone()), Instant.now());
    }

    @EventHandler
    void on(SupplementRequestedEvent e, EventMessage<?> m) {
        notify(m, e.delegationId().value(), "supplement-requested", Map.of("materials", e.materials().stream()
                .map(material -> material.name() + "（" + material.howToObtain() + "）").collect(Collectors.joining("、")),
                "due", e.dueDate().toString()), Instant.now());
    }

    @EventHandler
    void on(SupplementReminderSentEvent e, EventMessage<?> m) {
        notify(m, e.delegationId().value(), "supplement-reminder", Map.of(), Instant.now());
    }

    @EventHandler
    void on(DelegationSuspendedEvent e, EventMessage<?> m) {
        notify(m, e.delegationId().value(), "suspended", Map.of("reason", e.reason().label(),
                "continuation", e.continuationDeadline().toString()), Instant.now());
    }

    @EventHandler
    void on(DelegationCompletedEvent e, EventMessage<?> m) {
        if (e.successful()) {
            notify(m, e.delegationId().value(), "completed", Map.of("result", e.resultReference()), Instant.now());
        } else {
            notify(m, e.delegationId().value(), "failed", Map.of("reason", e.failureReason()), Instant.now());
        }
    }

    @EventHandler
    void on(ResultDeliveredEvent e, EventMessage<?> m) {
        String tracking = e.trackingNumber() != null ? "，快递单号" + e.trackingNumber()
                : e.method() == DeliveryMethod.ELECTRONIC_LICENCE ? "，电子证照可在政务服务平台下载" : "";
        notify(m, e.delegationId().value(), "delivered", Map.of("method", e.method().label(), "tracking", tracking),
                Instant.now());
        notify(m, e.delegationId().value(), "evaluation-invitation", Map.of(), Instant.now());
    }

    @EventHandler
    void on(EvaluationReminderSentEvent e, EventMessage<?> m) {
        notify(m, e.delegationId().value(), "evaluation-reminder", Map.of(), Instant.now());
    }

    // ------------------------------------------------------------------------------------------- complaints

    @EventHandler
    void on(ComplaintReceivedEvent e) {
        recipient(e.complaintId().value(), e.complainantName(), e.contact().value(), null, e.stationCode().value());
    }

    @EventHandler
    void on(ComplaintFeedbackGivenEvent e, EventMessage<?> m) {
        notify(m, e.complaintId().value(), "complaint-outcome", Map.of("feedback", e.feedback()), Instant.now());
    }

    @ResetHandler
    void reset() {
        // The outbox and its attempts are records of what was sent: a rebuild keeps them, and the
        // (event, template) keys keep a replay from producing any notification twice.
    }

    private void recipient(String subject, String client, String phone, String item, String station) {
        jdbc.update("""
                insert into notification_recipient (subject_id, client, phone, item_name, station) values (?, ?, ?, ?, ?)
                on conflict (subject_id) do nothing""", subject, client, phone, item, station);
    }

    private void notify(EventMessage<?> event, String subject, String template, Map<String, String> extra,
                        Instant sendAfter) {
        Map<String, Object> recipient = jdbc.query("select * from notification_recipient where subject_id = ?",
                rs -> rs.next() ? Map.<String, Object>of("client", rs.getString("client"), "phone", rs.getString("phone"),
                        "item", String.valueOf(rs.getString("item_name")), "station", rs.getString("station")) : null,
                subject);
        if (recipient == null) {
            return;
        }
        Map<String, String> values = new HashMap<>(extra);
        values.put("client", (String) recipient.get("client"));
        values.put("item", (String) recipient.get("item"));
        values.put("station", (String) recipient.get("station"));
        jdbc.update("""
                        insert into notification_outbox (id, subject_id, template, phone, text_zh, text_en, status,
                            next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?) on conflict (id) do nothing""",
                event.getIdentifier() + ":" + template, subject, template, recipient.get("phone"),
                templates.render("zh", template, values), templates.render("en", template, values),
                Timestamp.from(sendAfter), Timestamp.from(Instant.now()));
    }

}
