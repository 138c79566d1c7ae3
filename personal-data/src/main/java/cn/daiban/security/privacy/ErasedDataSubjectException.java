package cn.daiban.security.privacy;

/** New personal data for a record whose data subject was erased: it is refused, not stored unencrypted. */
public class ErasedDataSubjectException extends IllegalStateException {

    public ErasedDataSubjectException(String subject) {
        super("the personal data of record " + subject + " was erased: record a new matter for new data");
    }
}
