package cn.daiban.kernel.appointment;

/**
 * A command on a booking already made; who may send it is decided by the booking's station. Not for booking: that
 * names its station ({@code StationScoped}).
 *
 * <p>Implemented by command records whose component {@code appointmentId} already has this name and type, so
 * implementing it adds no property to their JSON (Jackson serializes a record by its components; this is not a
 * getter).
 */
public interface AppointmentTargeted {

    AppointmentId appointmentId();
}
