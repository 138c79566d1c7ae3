package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies one delegation (委托 / 办件). */
public record DelegationId(@JsonValue String value) {

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public DelegationId {
        Require.matching(value, UUID_FORMAT, "delegationId", "must be a lower-case UUID");
    }

    @JsonCreator
    public static DelegationId of(String value) {
        return new DelegationId(value);
    }

    public static DelegationId create() {
        return new DelegationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
