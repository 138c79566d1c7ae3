package cn.daiban.kernel.station;

/**
 * A command that names the station it concerns: a station's own application, decision or statistics, or a record
 * (matter, consultation, complaint, booking, agent) created at that station. Who may send it is decided by that
 * station.
 *
 * <p>Implemented by command records whose component {@code stationCode} already has this name and type, so
 * implementing it adds no property to their JSON (Jackson serializes a record by its components; this is not a
 * getter).
 */
public interface StationScoped {

    StationCode stationCode();
}
