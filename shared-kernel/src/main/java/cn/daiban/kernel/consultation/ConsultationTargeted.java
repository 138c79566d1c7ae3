package cn.daiban.kernel.consultation;

/**
 * A command on a consultation already recorded; who may send it is decided by the consultation's station. Not for
 * recording one: that names its station ({@code StationScoped}).
 *
 * <p>Implemented by command records whose component {@code consultationId} already has this name and type, so
 * implementing it adds no property to their JSON (Jackson serializes a record by its components; this is not a
 * getter).
 */
public interface ConsultationTargeted {

    ConsultationId consultationId();
}
