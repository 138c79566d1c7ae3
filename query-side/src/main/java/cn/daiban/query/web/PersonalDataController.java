package cn.daiban.query.web;

import cn.daiban.kernel.appointment.AppointmentBookedEvent;
import cn.daiban.kernel.complaint.ComplaintReceivedEvent;
import cn.daiban.kernel.consultation.ConsultationRecordedEvent;
import cn.daiban.kernel.delegation.AssistConvertedToProxyEvent;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationDeclinedEvent;
import cn.daiban.kernel.delegation.HomeVisitArrangedEvent;
import cn.daiban.kernel.privacy.PersonalData;
import cn.daiban.kernel.privacy.PersonalDataResponse;
import cn.daiban.security.User;
import cn.daiban.security.privacy.PersonalDataAccessLog;
import cn.daiban.security.privacy.PrivacyProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.LocalDate;

/**
 * The one place a client's personal data is shown unmasked: read from the event store with the record's key,
 * for the staff of its station (or an administrator), and recorded each time. Every other view masks it.
 */
@RestController
@Tag(name = "Personal data", description = "A record's personal data in full, recorded on every read")
class PersonalDataController {

    private final EventStore events;
    private final ReadAccess access;
    private final PersonalDataAccessLog accessLog;
    private final JdbcTemplate jdbc;
    private final String schema;

    PersonalDataController(EventStore events, ReadAccess access, PersonalDataAccessLog accessLog, JdbcTemplate jdbc,
                           PrivacyProperties privacy) {
        this.events = events;
        this.access = access;
        this.accessLog = accessLog;
        this.jdbc = jdbc;
        this.schema = privacy.schema();
    }

    @GetMapping("/api/personal-data/{subjectId}")
    @Operation(summary = "The client of a delegation, consultation, complaint or booking in full (its station's staff)")
    PersonalDataResponse read(@PathVariable String subjectId) {
        String station = access.stationOf(subjectId).orElseThrow(() -> new NotFoundException("record " + subjectId));
        String name = null;
        String residentId = null;
        String phone = null;
        String contactPerson = null;
        String address = null;
        DomainEventStream stream = events.readEvents(subjectId);
        while (stream.hasNext()) {
            Object event = stream.next().getPayload();
            Client client = event instanceof DelegationCommissionedEvent e ? e.client()
                    : event instanceof DelegationDeclinedEvent e ? e.client()
                    : event instanceof AssistConvertedToProxyEvent e ? e.client() : null;
            // The agreed home visit's address (000 §7.2.2 b), sealed in the events like the client: the latest one.
            if (event instanceof DelegationCommissionedEvent e && e.homeVisit() != null) {
                address = e.homeVisit().address();
            } else if (event instanceof HomeVisitArrangedEvent e && e.homeVisit() != null) {
                address = e.homeVisit().address();
            }
            if (client != null) {
                name = client.name();
                residentId = client.residentId() == null ? null : client.residentId().value();
                phone = client.phone() == null ? null : client.phone().value();
                contactPerson = client.contactPerson();
            } else if (event instanceof ConsultationRecordedEvent e) {
                name = e.visitorName();
                phone = e.contact() == null ? null : e.contact().value();
            } else if (event instanceof ComplaintReceivedEvent e) {
                name = e.complainantName();
                phone = e.contact() == null ? null : e.contact().value();
            } else if (event instanceof AppointmentBookedEvent e) {
                name = e.clientName();
                phone = e.phone() == null ? null : e.phone().value();
                address = e.address();
            }
        }
        accessLog.record(User.require(), subjectId, station, "full record");
        return new PersonalDataResponse(subjectId, station, PersonalData.ERASED.equals(name), name, residentId, phone,
                contactPerson, address);
    }

    @GetMapping("/api/audit/personal-data-access")
    @Operation(summary = "Supervision: who read whose full record, and when, at a station")
    PersonalDataResponse.AccessLog accessLog(@RequestParam String station,
                                             @RequestParam(required = false) LocalDate from,
                                             @RequestParam(required = false) LocalDate to) {
        return new PersonalDataResponse.AccessLog(jdbc.query("""
                        select * from %s.personal_data_access where subject_station = ?
                          and (cast(? as date) is null or at >= cast(? as date))
                          and (cast(? as date) is null or at < cast(? as date) + 1)
                        order by at desc limit 1000""".formatted(schema),
                (rs, n) -> new PersonalDataResponse.Access(rs.getTimestamp("at").toInstant().toString(),
                        rs.getString("reader_id"), rs.getString("reader_role"), rs.getString("reader_station"),
                        rs.getString("subject_id"), rs.getString("subject_station"), rs.getString("purpose")),
                station, from, from, to, to));
    }
}
