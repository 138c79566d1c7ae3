package cn.daiban.kernel.complaint;

import cn.daiban.kernel.common.Require;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies one complaint (投诉). */
public record ComplaintId(@JsonValue String value) {

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public ComplaintId {
        Require.matching(value, UUID_FORMAT, "complaintId", "must be a lower-case UUID");
    }

    @JsonCreator
    public static ComplaintId of(String value) {
        return new ComplaintId(value);
    }

    public static ComplaintId create() {
        return new ComplaintId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
