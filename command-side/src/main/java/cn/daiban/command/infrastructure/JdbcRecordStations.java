package cn.daiban.command.infrastructure;

import cn.daiban.command.station.RecordStations;
import cn.daiban.kernel.appointment.AppointmentId;
import cn.daiban.kernel.complaint.ComplaintId;
import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.station.StationCode;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Each record's station, asked of the look-up that keeps it (each owns its table and writes it). */
@Component
class JdbcRecordStations implements RecordStations {

    private final JdbcUnfinishedDelegations delegations;
    private final JdbcSubjectStations subjects;
    private final JdbcBookingSlots bookings;

    JdbcRecordStations(JdbcUnfinishedDelegations delegations, JdbcSubjectStations subjects,
                       JdbcBookingSlots bookings) {
        this.delegations = delegations;
        this.subjects = subjects;
        this.bookings = bookings;
    }

    @Override
    public Optional<StationCode> ofDelegation(DelegationId id) {
        return delegations.stationOf(id);
    }

    @Override
    public Optional<StationCode> ofConsultation(ConsultationId id) {
        return subjects.stationOf(id.value()).map(StationCode::of);
    }

    @Override
    public Optional<StationCode> ofComplaint(ComplaintId id) {
        return subjects.stationOf(id.value()).map(StationCode::of);
    }

    @Override
    public Optional<StationCode> ofAppointment(AppointmentId id) {
        return bookings.stationOf(id);
    }
}
