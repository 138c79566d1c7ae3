package cn.daiban.kernel.privacy;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * A person's data was erased: the keys of these data subjects are destroyed, so their names, resident IDs and phone
 * numbers read as erased everywhere from now on; every view forgets them. Holds no personal data itself.
 */
@Revision("1")
public record DataSubjectErasedEvent(String erasureId, List<String> subjectIds, String reason, LocalDate erasedOn) {
}
