package cn.daiban.query.audit;

import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.DelegationSuspendedEvent;
import cn.daiban.kernel.delegation.DelegationTerminatedEvent;
import cn.daiban.kernel.delegation.MissingMaterial;
import cn.daiban.kernel.delegation.SupplementRequestedEvent;
import cn.daiban.kernel.delegation.SuspensionReason;
import cn.daiban.kernel.delegation.TerminationReason;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.query.support.TestEvents;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A step's summary read from the event's record equals the one read from its tree (how the audit trail summarises
 * a stored event), for every event shape the kernel has.
 */
class EventSummariesTest {

    /** As the application's (Spring Boot's) mapper writes: modules found, nulls left out. */
    private final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    @Test
    void aRecordIsSummarisedAsItsTreeIs() {
        DelegationId id = DelegationId.create();
        LocalDate day = LocalDate.of(2026, 11, 13);
        List<Object> events = List.of(
                // An enum before a text: the enum's name comes first, as in the tree.
                new DelegationSuspendedEvent(id, SuspensionReason.CLIENT_REQUEST, "外出", day, day.plusDays(30)),
                new DelegationTerminatedEvent(id, TerminationReason.values()[0], "撤回", day),
                new DelegationCompletedEvent(id, true, "参保号 2", null, day, day, false, 3),
                new SupplementRequestedEvent(id, 2, List.of(new MissingMaterial("证明", "村委会")), day, day.plusDays(2),
                        "上级新增要求", true),
                new SupplementRequestedEvent(id, 1, List.of(new MissingMaterial("证明", "村委会")), day, day.plusDays(2),
                        null, false),
                TestEvents.commissioned(id, DelegationKind.PROXY, StationCode.of("140521001"), null, day,
                        day.plusDays(7)));
        for (Object event : events) {
            String type = event.getClass().getSimpleName();
            assertThat(EventSummaries.summarise(type, event, json))
                    .as(type)
                    .isEqualTo(EventSummaries.summarise(type, (JsonNode) json.valueToTree(event)));
        }
        assertThat(EventSummaries.summarise("DelegationSuspendedEvent", events.get(0), json))
                .isEqualTo("中止办理：CLIENT_REQUEST");
        assertThat(EventSummaries.summarise("DelegationCompletedEvent", events.get(2), json))
                .isEqualTo("办结：参保号 2");
    }

    @Test
    void anythingButARecordIsSummarisedFromItsTree() {
        assertThat(EventSummaries.summarise("X", Map.of("note", "备注"), json)).isEqualTo("X：备注");
        assertThat(EventSummaries.summarise("X", null, json)).isEqualTo("X");
    }

    /**
     * Why the two agree for every event: each detail field an event's JSON has is written from the record component
     * of that name (no renamed component, no getter of that name besides the component's).
     */
    @Test
    void everyKernelRecordWritesItsDetailFieldsFromTheComponentsOfThatName() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Record.class));
        Set<String> details = Set.of(EventSummaries.DETAIL_FIELDS);
        List<String> checked = new ArrayList<>();
        scanner.findCandidateComponents("cn.daiban.kernel").forEach(candidate -> {
            Class<?> type;
            try {
                type = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            List<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
            for (BeanPropertyDefinition property : json.getSerializationConfig()
                    .introspect(json.constructType(type)).findProperties()) {
                if (details.contains(property.getName()) && property.couldSerialize()) {
                    assertThat(components).as(type.getName() + "." + property.getName()).contains(property.getName());
                    assertThat(property.getAccessor().getName()).as(type.getName()).isEqualTo(property.getName());
                    checked.add(type.getSimpleName() + "." + property.getName());
                }
            }
            for (String component : components) {
                if (details.contains(component)) {
                    assertThat(json.getSerializationConfig().introspect(json.constructType(type)).findProperties())
                            .as(type.getName() + " writes " + component)
                            .anyMatch(p -> p.getName().equals(component));
                }
            }
        });
        // The scan found the events (not an empty package that proves nothing).
        assertThat(checked).contains("DelegationSuspendedEvent.reason", "DelegationCompletedEvent.resultReference");
    }
}
