package cn.daiban.command.privacy;

import java.util.List;

/** Finds whose personal data is held: the data subjects (records) by resident ID, phone number or id. */
public interface DataSubjects {

    /** The data subjects not yet erased that hold this resident ID, this phone number, or have this id. */
    List<String> find(String residentId, String phone, String subjectId);
}
