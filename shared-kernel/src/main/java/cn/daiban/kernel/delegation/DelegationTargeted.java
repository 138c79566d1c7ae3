package cn.daiban.kernel.delegation;

/**
 * A command on an existing delegation; who may send it is decided by the station the delegation belongs to. Not for
 * the commands that create one (commissioning, declining): those name their station ({@code StationScoped}).
 *
 * <p>Implemented by command records whose component {@code delegationId} already has this name and type, so
 * implementing it adds no property to their JSON (Jackson serializes a record by its components; this is not a
 * getter).
 */
public interface DelegationTargeted {

    DelegationId delegationId();
}
