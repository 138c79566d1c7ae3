package cn.daiban.kernel.consultation;

import cn.daiban.kernel.common.Require;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;
import java.util.regex.Pattern;

/** Identifies one consultation (咨询). */
public record ConsultationId(@JsonValue String value) {

    private static final Pattern UUID_FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public ConsultationId {
        Require.matching(value, UUID_FORMAT, "consultationId", "must be a lower-case UUID");
    }

    @JsonCreator
    public static ConsultationId of(String value) {
        return new ConsultationId(value);
    }

    public static ConsultationId create() {
        return new ConsultationId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
