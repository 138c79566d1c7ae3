package cn.daiban.query.delegation;

import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.privacy.DataSubjectErasedEvent;

import cn.daiban.security.privacy.Mask;

import cn.daiban.kernel.consultation.ConsultationAnsweredEvent;
import cn.daiban.kernel.consultation.ConsultationConvertedEvent;
import cn.daiban.kernel.consultation.ConsultationForwardedEvent;
import cn.daiban.kernel.consultation.ConsultationRecordedEvent;
import cn.daiban.kernel.consultation.ConsultationReplyOverdueEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;

/** The consultation record (接待咨询记录): one row per consultation, with its timeliness. */
@Component
@ProcessingGroup("consultations")
public class ConsultationProjection {

    private final JdbcTemplate jdbc;

    ConsultationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConsultationRecordedEvent e, @Timestamp Instant at) {
        jdbc.update("""
                        insert into consultation_view (consultation_id, station_code, agent_id, visitor_name, contact,
                            channel, content, recorded_at, recorded_on, item_code, item_asked, offered_here,
                            reply_due)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (consultation_id) do nothing""",
                e.consultationId().value(), e.stationCode().value(), e.agentId() == null ? null : e.agentId().value(),
                e.visitorName(), e.contact() == null ? null : Mask.phone(e.contact().value()), e.channel().name(), e.content(), java.sql.Timestamp.from(at),
                Date.valueOf(e.recordedOn()),
                // 001 §7.1.2: the matter asked about, null for a consultation that named none (or recorded before).
                e.itemCode() == null ? null : e.itemCode().value(), e.itemAsked(), e.offeredHere(),
                // 004 §6.3.3.1.3: not answered at once, the reply is due one working day after (null: answered).
                e.replyDueDate() == null ? null : Date.valueOf(e.replyDueDate()));
    }

    @EventHandler
    void on(DataSubjectErasedEvent e) {
        jdbc.update("update consultation_view set visitor_name = ?, contact = null where consultation_id = any(?)",
                PersonalData.ERASED, e.subjectIds().toArray(String[]::new));
    }

    @EventHandler
    void on(ConsultationForwardedEvent e) {
        jdbc.update("update consultation_view set forwarded_to = ?, reply_due = ? where consultation_id = ?",
                e.department(), Date.valueOf(e.replyDueDate()), e.consultationId().value());
    }

    @EventHandler
    void on(ConsultationAnsweredEvent e) {
        jdbc.update("""
                        update consultation_view set answer = ?, answered_on = ?, answered_at_once = ?, in_time = ?
                        where consultation_id = ?""",
                e.answer(), Date.valueOf(e.answeredOn()), e.atOnce(), e.inTime(), e.consultationId().value());
    }

    @EventHandler
    void on(ConsultationReplyOverdueEvent e) {
        jdbc.update("update consultation_view set overdue = true where consultation_id = ?", e.consultationId().value());
    }

    @EventHandler
    void on(ConsultationConvertedEvent e) {
        jdbc.update("update consultation_view set delegation_id = ? where consultation_id = ?",
                e.delegationId().value(), e.consultationId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from consultation_view");
    }
}
