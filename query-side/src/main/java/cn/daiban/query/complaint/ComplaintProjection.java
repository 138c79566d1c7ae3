package cn.daiban.query.complaint;

import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.privacy.DataSubjectErasedEvent;

import cn.daiban.security.privacy.Mask;

import cn.daiban.kernel.complaint.*;
import cn.daiban.query.ledger.ScopeSupport;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The complaint register: one row per complaint with its stage, time limit and timeliness. */
@Component
@ProcessingGroup("complaints")
class ComplaintProjection {

    private final JdbcTemplate jdbc;

    ComplaintProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ComplaintReceivedEvent e) {
        jdbc.update("""
                        insert into complaint_view (complaint_id, station_code, agent_id, delegation_id, channel,
                            complainant_name, contact, content, received_on, stage, due_date)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?) on conflict (complaint_id) do nothing""",
                e.complaintId().value(), e.stationCode().value(), e.agentId() == null ? null : e.agentId().value(),
                e.delegationId() == null ? null : e.delegationId().value(), e.channel().name(), e.complainantName(),
                e.contact() == null ? null : Mask.phone(e.contact().value()), e.content(), Date.valueOf(e.receivedOn()),
                // The limit counted from receipt (null for a complaint received before: set at its acceptance).
                e.dueDate() == null ? null : Date.valueOf(e.dueDate()));
    }

    @EventHandler
    void on(DataSubjectErasedEvent e) {
        jdbc.update("update complaint_view set complainant_name = ?, contact = null where complaint_id = any(?)",
                PersonalData.ERASED, e.subjectIds().toArray(String[]::new));
    }

    @EventHandler
    void on(ComplaintAcceptedEvent e) {
        jdbc.update("update complaint_view set stage = 'ACCEPTED', due_date = ? where complaint_id = ?",
                Date.valueOf(e.dueDate()), e.complaintId().value());
    }

    @EventHandler
    void on(ComplaintDeclinedEvent e) {
        jdbc.update("update complaint_view set stage = 'DECLINED', decline_reason = ? where complaint_id = ?",
                e.reason(), e.complaintId().value());
    }

    @EventHandler
    void on(ComplaintInvestigatedEvent e) {
        jdbc.update("update complaint_view set stage = 'INVESTIGATED' where complaint_id = ?", e.complaintId().value());
    }

    @EventHandler
    void on(ComplaintHandledEvent e) {
        jdbc.update("update complaint_view set stage = 'HANDLED', finding = ?, measures = ? where complaint_id = ?",
                e.finding(), e.measures(), e.complaintId().value());
    }

    @EventHandler
    void on(ComplaintFeedbackGivenEvent e) {
        jdbc.update("update complaint_view set stage = 'ANSWERED', answered_on = ?, in_time = ? where complaint_id = ?",
                Date.valueOf(e.givenOn()), e.inTime(), e.complaintId().value());
    }

    @EventHandler
    void on(ComplaintOverdueEvent e) {
        jdbc.update("update complaint_view set overdue = true where complaint_id = ?", e.complaintId().value());
    }

    @EventHandler
    void on(ComplaintClosedEvent e) {
        jdbc.update("update complaint_view set stage = 'CLOSED', closed_on = ? where complaint_id = ?",
                Date.valueOf(e.closedOn()), e.complaintId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from complaint_view");
    }

    @QueryHandler
    @Transactional(readOnly = true)
    ComplaintRegisterResponse handle(FetchComplaintRegisterQuery q) {
        ScopeSupport scope = ScopeSupport.of(q.stationCode(), q.rollUp());
        List<Object> args = new ArrayList<>(scope.args());
        StringBuilder where = new StringBuilder(scope.on("c.station_code"));
        if (q.from() != null) {
            where.append(" and c.received_on >= ?");
            args.add(Date.valueOf(q.from()));
        }
        if (q.to() != null) {
            where.append(" and c.received_on <= ?");
            args.add(Date.valueOf(q.to()));
        }
        Long total = jdbc.queryForObject(scope.cte() + "select count(*) from complaint_view c where " + where, Long.class,
                args.toArray());
        List<Object> page = new ArrayList<>(args);
        page.add(q.size());
        page.add((long) q.page() * q.size());
        List<ComplaintRegisterResponse.Row> rows = jdbc.query(scope.cte() + "select c.* from complaint_view c where "
                        + where + " order by c.received_on desc, c.complaint_id limit ? offset ?",
                (rs, n) -> new ComplaintRegisterResponse.Row(rs.getString("complaint_id"), rs.getString("station_code"),
                        rs.getString("agent_id"), rs.getString("delegation_id"), rs.getString("channel"),
                        rs.getString("complainant_name"), rs.getString("contact"), rs.getString("content"),
                        rs.getObject("received_on", LocalDate.class), rs.getString("stage"),
                        rs.getObject("due_date", LocalDate.class), rs.getString("decline_reason"),
                        rs.getString("finding"), rs.getString("measures"), rs.getObject("answered_on", LocalDate.class),
                        (Boolean) rs.getObject("in_time"), rs.getBoolean("overdue"),
                        rs.getObject("closed_on", LocalDate.class)), page.toArray());
        return new ComplaintRegisterResponse(rows, q.page(), q.size(), total == null ? 0 : total);
    }
}
