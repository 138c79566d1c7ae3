package cn.daiban.command.station;

import cn.daiban.kernel.appointment.AppointmentId;
import cn.daiban.kernel.complaint.ComplaintId;
import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.station.StationCode;

import java.util.Optional;

/**
 * The station each record belongs to — a matter, a consultation, a complaint, a booking — read from the look-up
 * tables the command side keeps from its own events in their transaction (so never behind the event store).
 * Empty when no such record was ever created.
 */
public interface RecordStations {

    /** The station that commissioned the matter (it stays responsible through escalations). */
    Optional<StationCode> ofDelegation(DelegationId id);

    Optional<StationCode> ofConsultation(ConsultationId id);

    /** The station complained about. */
    Optional<StationCode> ofComplaint(ComplaintId id);

    Optional<StationCode> ofAppointment(AppointmentId id);
}
