package cn.daiban.kernel.appointment;

import cn.daiban.kernel.common.Require;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies one booking (预约). */
public record AppointmentId(@JsonValue String value) {

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public AppointmentId {
        Require.matching(value, UUID_FORMAT, "appointmentId", "must be a lower-case UUID");
    }

    @JsonCreator
    public static AppointmentId of(String value) {
        return new AppointmentId(value);
    }

    public static AppointmentId create() {
        return new AppointmentId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
