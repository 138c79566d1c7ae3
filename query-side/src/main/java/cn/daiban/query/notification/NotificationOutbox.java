package cn.daiban.query.notification;

import cn.daiban.kernel.appointment.AppointmentBookedEvent;
import cn.daiban.kernel.appointment.AppointmentCancelledEvent;
import cn.daiban.kernel.appointment.AppointmentServedEvent;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.complaint.ComplaintFeedbackGivenEvent;
import cn.daiban.kernel.complaint.ComplaintReceivedEvent;
import cn.daiban.kernel.catalogue.ServiceItemPublishedEvent;
import cn.daiban.kernel.catalogue.ServiceItemRevisedEvent;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.privacy.DataSubjectErasedEvent;
import cn.daiban.kernel.privacy.PersonalData;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Turns the events the standards name into client notifications, written to the outbox in the projection's own
 * transaction together with its token: each (event, template) once, never lost. Sending is the dispatcher's job.
 * A rebuild does not produce them again (the rows are keyed by event and kept; the reset keeps the outbox).
 */
@Component
@ProcessingGroup("notifications")
class NotificationOutbox {

    private final JdbcTemplate jdbc;
    private final NotificationTemplates templates;
    private final NotificationProperties properties;
    private final ServiceClock clock;

    NotificationOutbox(JdbcTemplate jdbc, NotificationTemplates templates, NotificationProperties properties,
                       ServiceClock clock) {
        this.jdbc = jdbc;
        this.templates = templates;
        this.properties = properties;
        this.clock = clock;
    }

    // ---------------------------------------------------------------------------------- names clients read

    /**
     * Clients read names, not codes. The group keeps the names it needs itself, from the same ordered stream (it runs
     * in one segment), so a station's name is known before its first booking whatever the other projections are doing.
     */
    @EventHandler
    void on(StationOpeningRequestedEvent e) {
        name("STATION", e.stationCode().value(), e.name());
    }

    @EventHandler
    void on(ServiceItemPublishedEvent e) {
        name("ITEM", e.code().value(), e.definition().name());
    }

    @EventHandler
    void on(ServiceItemRevisedEvent e) {
        name("ITEM", e.code().value(), e.definition().name());
    }

    private void name(String kind, String code, String name) {
        jdbc.update("""
                insert into notification_name (kind, code, name) values (?, ?, ?)
                on conflict (kind, code) do update set name = excluded.name""", kind, code, name);
    }

    // --------------------------------------------------------------------------------------------- bookings

    @EventHandler
    void on(AppointmentBookedEvent e, EventMessage<?> m) {
        if (e.phone() == null) {
            return;
        }
        recipient(e.appointmentId().value(), e.clientName(), e.phone().value(), e.itemCode().value(),
                e.stationCode().value());
        Map<String, String> values = Map.of("date", e.date().toString(), "time", e.slotStart().toString());
        notify(m, e.appointmentId().value(), "booking-confirmed", values, Instant.now());
        Instant reminder = e.date().minusDays(1).atTime(9, 0).atZone(clock.zone()).toInstant();
        if (reminder.isAfter(m.getTimestamp())) {
            notify(m, e.appointmentId().value(), "booking-reminder", values, reminder);
        }
    }

    @EventHandler
    void on(AppointmentCancelledEvent e) {
        cancelReminder(e.appointmentId().value());
    }

    /** Served before its day (the client came early): the day-before reminder would only confuse. */
    @EventHandler
    void on(AppointmentServedEvent e) {
        cancelReminder(e.appointmentId().value());
    }

    private void cancelReminder(String appointment) {
        jdbc.update("""
                update notification_outbox set status = 'CANCELLED'
                where subject_id = ? and template = 'booking-reminder' and status = 'PENDING'""", appointment);
    }

    // ------------------------------------------------------------------------------------------ delegations

    @EventHandler
    void on(DelegationCommissionedEvent e, EventMessage<?> m) {
        if (e.client().phone() == null) {
            return;
        }
        recipient(e.delegationId().value(), e.client().name(), e.client().phone().value(), e.itemName(),
                e.stationCode().value());
        // A proxy is told its acceptance form's number; an assist has none (002 表A.2 is the proxy's form), so its
        // notice does not print an empty one.
        notify(m, e.delegationId().value(), e.acceptanceFormNumber() == null ? "accepted-assist" : "accepted",
                Map.of("form", e.acceptanceFormNumber() == null ? "" : e.acceptanceFormNumber().value(),
                        // A provisional date (a year not loaded yet) says so; the client is told again if it moves.
                        "deadline", e.deadline() + (e.isDeadlineProvisional() ? "（暂定 provisional）" : ""),
                        "supervision", Objects.toString(e.supervisionPhone(), "12345")), Instant.now());
    }

    /**
     * An assist turned into a proxy (转为代办): the client now has an acceptance form, and is told its number, as a proxy
     * commissioned as such is (002 表A.2). The client as identified for the proxy is the one told from now on. An
     * assist taken without a phone has no recipient row and its item and station are not in this event: nobody is
     * told (assumption; the form is handed over at the counter).
     */
    @EventHandler
    void on(AssistConvertedToProxyEvent e, EventMessage<?> m) {
        if (e.client() != null) {
            jdbc.update("update notification_recipient set client = ?, phone = coalesce(?, phone) where subject_id = ?",
                    e.client().name(), e.client().phone() == null ? null : e.client().phone().value(),
                    e.delegationId().value());
        }
        notify(m, e.delegationId().value(), "converted-to-proxy", Map.of("form",
                e.acceptanceFormNumber() == null ? "" : e.acceptanceFormNumber().value(),
                "supervision", Objects.toString(e.supervisionPhone(), "12345")), Instant.now());
    }

    /** The provisional promised date, recomputed on the loaded year: the client is told only if it moved. */
    @EventHandler
    void on(ProvisionalDeadlineRecomputedEvent e, EventMessage<?> m) {
        if (!e.moved()) {
            return;
        }
        notify(m, e.delegationId().value(), "deadline-moved", Map.of("previous", e.previousDeadline().toString(),
                "deadline", e.newDeadline() + (e.stillProvisional() ? "（暂定 provisional）" : "")), Instant.now());
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

    /**
     * A material accepted as tolerated (容缺) is past the day the client committed to bring it: the client is reminded,
     * as for a supplement (`000 §7.2.1 d`; `002 服务中止与续办`: 未在规定期限内提交办理材料…催促), naming the material.
     */
    @EventHandler
    void on(ToleratedMaterialOverdueEvent e, EventMessage<?> m) {
        notify(m, e.delegationId().value(), "tolerated-overdue", Map.of("material", e.materialName(),
                "committed", e.committedDate().toString()), Instant.now());
    }

    @EventHandler
    void on(DelegationSuspendedEvent e, EventMessage<?> m) {
        notify(m, e.delegationId().value(), "suspended", Map.of("reason", e.reason().label(),
                "continuation", e.continuationDeadline().toString()), Instant.now());
    }

    /**
     * 视为服务终止 (`002 服务中止与续办`: 超过续办期限的，视为服务终止; 因其他原因终止的…交付给服务对象): the matter ended by
     * itself past its continuation deadline, and the client, last told it was suspended, is told it has ended and to
     * collect what they left with the station. A withdrawal is the client's own act, at the counter: not texted.
     */
    @EventHandler
    void on(DelegationTerminatedEvent e, EventMessage<?> m) {
        if (e.reason() == TerminationReason.CONTINUATION_DEADLINE_PASSED) {
            notify(m, e.delegationId().value(), "terminated", Map.of("reason", e.reason().label()), Instant.now());
        }
    }

    @EventHandler
    void on(DelegationCompletedEvent e, EventMessage<?> m) {
        if (e.successful()) {
            notify(m, e.delegationId().value(), "completed", Map.of("result", Objects.toString(e.resultReference(), "")), Instant.now());
        } else {
            notify(m, e.delegationId().value(), "failed", Map.of("reason", Objects.toString(e.failureReason(), "")), Instant.now());
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

    /** 留存待领: the client is told where the result is kept (a text may reach a client a call did not). */
    @EventHandler
    void on(ResultHeldForCollectionEvent e, EventMessage<?> m) {
        notify(m, e.delegationId().value(), "result-held", Map.of("keptAt", e.keptAt()), Instant.now());
    }

    @EventHandler
    void on(EvaluationReminderSentEvent e, EventMessage<?> m) {
        notify(m, e.delegationId().value(), "evaluation-reminder", Map.of(), Instant.now());
    }

    // ------------------------------------------------------------------------------------------- complaints

    @EventHandler
    void on(ComplaintReceivedEvent e) {
        if (e.contact() == null) {
            return;
        }
        recipient(e.complaintId().value(), e.complainantName(), e.contact().value(), null, e.stationCode().value());
    }

    @EventHandler
    void on(ComplaintFeedbackGivenEvent e, EventMessage<?> m) {
        notify(m, e.complaintId().value(), "complaint-outcome", Map.of("feedback", Objects.toString(e.feedback(), "")), Instant.now());
    }

    /**
     * An erased client: nothing more is sent to them, and what was kept of their notifications forgets them (the
     * records of what was sent when stay, without name, phone or text).
     */
    @EventHandler
    void on(DataSubjectErasedEvent e) {
        String[] subjects = e.subjectIds().toArray(String[]::new);
        jdbc.update("update notification_recipient set client = ?, phone = null where subject_id = any(?)",
                PersonalData.ERASED, subjects);
        jdbc.update("""
                update notification_outbox set phone = null, text_zh = ?, text_en = ?,
                    status = case when status = 'PENDING' then 'CANCELLED' else status end
                where subject_id = any(?)""", PersonalData.ERASED, PersonalData.ERASED, subjects);
        jdbc.update("""
                update notification_delivery set phone = null, text = ? where notification_id in
                    (select id from notification_outbox where subject_id = any(?))""", PersonalData.ERASED, subjects);
    }

    @ResetHandler
    void reset() {
        // The outbox and its attempts are records of what was sent: a rebuild keeps them, and the
        // (event, template) keys keep a replay from producing any notification twice.
    }

    /** Remembers whom a matter's notifications go to, with the station's and the item's names (codes if unknown). */
    private void recipient(String subject, String client, String phone, String item, String station) {
        jdbc.update("""
                insert into notification_recipient (subject_id, client, phone, item_name, station)
                values (?, ?, ?, coalesce((select name from notification_name where kind = 'ITEM' and code = ?), ?),
                        coalesce((select name from notification_name where kind = 'STATION' and code = ?), ?))
                on conflict (subject_id) do nothing""", subject, client, phone, item, item, station, station);
    }

    private record Recipient(String client, String phone, String item, String station) {
    }

    private void notify(EventMessage<?> event, String subject, String template, Map<String, String> extra,
                        Instant sendAfter) {
        Recipient recipient = jdbc.query("select * from notification_recipient where subject_id = ?",
                rs -> rs.next() ? new Recipient(rs.getString("client"), rs.getString("phone"),
                        Objects.toString(rs.getString("item_name"), ""), Objects.toString(rs.getString("station"), ""))
                        : null, subject);
        if (recipient == null || recipient.phone() == null) {
            return; // no client to tell, or they were erased
        }
        // Telling a client today about a step taken long ago (a first start over old history, a long outage)
        // would mislead: such a notification is kept as EXPIRED, visible, and not sent.
        boolean stale = event.getTimestamp().isBefore(Instant.now().minus(properties.maxAge()));
        Map<String, String> values = new HashMap<>(extra);
        values.put("client", recipient.client());
        values.put("item", recipient.item());
        values.put("station", recipient.station());
        // The invitation's link: its one-time code is made when the notification is sent (NotificationDispatcher).
        values.put("link", cn.daiban.security.invitation.EvaluationCodes.LINK_PLACEHOLDER);
        jdbc.update("""
                        insert into notification_outbox (id, subject_id, template, phone, text_zh, text_en, status,
                            next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""",
                event.getIdentifier() + ":" + template, subject, template, recipient.phone(),
                templates.render("zh", template, values), templates.render("en", template, values),
                stale ? "EXPIRED" : "PENDING", Timestamp.from(sendAfter), Timestamp.from(Instant.now()));
    }

}
