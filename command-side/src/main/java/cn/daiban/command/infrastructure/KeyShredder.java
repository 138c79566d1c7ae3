package cn.daiban.command.infrastructure;

import cn.daiban.command.privacy.DataSubjects;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.privacy.DataSubjectErasedEvent;
import cn.daiban.security.privacy.PersonalDataKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Destroys the keys of erased data subjects, in the erasure event's own transaction (a subscribing group): the
 * erasure is recorded exactly when the keys are gone. Also answers which records hold a person's data.
 */
@Component
@ProcessingGroup("key-shredder")
class KeyShredder implements DataSubjects {

    private final PersonalDataKeys keys;

    KeyShredder(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @Override
    public List<String> find(String residentId, String phone, String subjectId) {
        Set<String> found = new LinkedHashSet<>();
        if (residentId != null) {
            found.addAll(keys.subjectsOf("ResidentId", residentId));
        }
        if (phone != null) {
            found.addAll(keys.subjectsOf("PhoneNumber", phone));
        }
        if (subjectId != null && keys.isHeld(subjectId)) {
            found.add(subjectId);
        }
        found.removeIf(keys::isErased);
        return List.copyOf(found);
    }

    @EventHandler
    void on(DataSubjectErasedEvent event, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        keys.destroy(event.subjectIds(), actor);
    }
}
