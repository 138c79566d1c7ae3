package cn.daiban.security.privacy;

/** New personal data for a record whose data subject was erased: it is refused, not stored unencrypted. */
public class ErasedDataSubjectException extends IllegalStateException {

    /**
     * Part of every message of this exception: exception classes do not cross Axon Server, their messages do, so a
     * node that sent the command recognises the refusal by it.
     */
    public static final String MESSAGE_MARK = " was erased: record a new matter for new data";

    public ErasedDataSubjectException(String subject) {
        super("the personal data of record " + subject + MESSAGE_MARK);
    }
}
