package cn.daiban.kernel.privacy;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Erase a person's personal data when the law requires it: every record (matter, consultation, complaint,
 * booking) holding their resident ID or phone number, or one record by its id. Their keys are destroyed; the
 * history and every figure stay.
 */
public record EraseDataSubjectCommand(@TargetAggregateIdentifier String erasureId, String residentId, String phone,
                                      String subjectId, String reason) {

    public EraseDataSubjectCommand {
        erasureId = Require.text(erasureId, "erasureId", 36);
        residentId = Require.optionalText(residentId, "residentId", 18);
        phone = Require.optionalText(phone, "phone", 20);
        subjectId = Require.optionalText(subjectId, "subjectId", 64);
        reason = Require.text(reason, "reason", 200);
        if (residentId == null && phone == null && subjectId == null) {
            throw new InvalidValueException("residentId", "or phone or subjectId is required: whose data");
        }
    }

    /** Never print the identifiers: a command may end up in a log. */
    @Override
    public String toString() {
        return "EraseDataSubjectCommand[" + erasureId + "]";
    }
}
