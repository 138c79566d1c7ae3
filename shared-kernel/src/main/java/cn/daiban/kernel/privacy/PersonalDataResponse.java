package cn.daiban.kernel.privacy;

import java.util.List;

/**
 * A record's personal data in full, read from the event store with its key, for the staff who need it; reading it
 * is itself recorded. {@code erased}: the key was destroyed and the values read as erased.
 */
public record PersonalDataResponse(String subjectId, String station, boolean erased, String name, String residentId,
                                   String phone, String contactPerson, String address) {

    /** Who read whose record, when, for what. */
    public record Access(String at, String readerId, String readerRole, String readerStation, String subjectId,
                         String subjectStation, String purpose) {
    }

    public record AccessLog(List<Access> entries) {
    }
}
