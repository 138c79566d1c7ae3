package cn.daiban.kernel.complaint;

/**
 * A command on a complaint already received; who may send it is decided by the station complained about. Not for
 * filing one: that names its station ({@code StationScoped}).
 *
 * <p>Implemented by command records whose component {@code complaintId} already has this name and type, so
 * implementing it adds no property to their JSON (Jackson serializes a record by its components; this is not a
 * getter).
 */
public interface ComplaintTargeted {

    ComplaintId complaintId();
}
