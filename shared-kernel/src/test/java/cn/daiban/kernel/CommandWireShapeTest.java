package cn.daiban.kernel;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands say what they target through small interfaces ({@code StationScoped}, {@code DelegationTargeted} …)
 * that the command side's policy reads. Implementing one must not change a command's JSON (HTTP bodies, Axon's
 * serialized messages): Jackson sees exactly the record's components, and no interface adds a getter.
 */
class CommandWireShapeTest {

    private final List<Class<?>> commands = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.daiban.kernel").stream()
            .filter(type -> type.getSimpleName().endsWith("Command"))
            .map(JavaClass::reflect)
            .collect(Collectors.toList());

    @Test
    void jacksonSeesExactlyTheRecordComponentsOfEveryCommand() {
        assertThat(commands).hasSizeGreaterThan(50);
        ObjectMapper mapper = new ObjectMapper();
        for (Class<?> command : commands) {
            BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(command));
            Set<String> properties = description.findProperties().stream()
                    .filter(BeanPropertyDefinition::couldSerialize)
                    .map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
            Set<String> components = Arrays.stream(command.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(properties).as(command.getSimpleName()).isEqualTo(components);
        }
    }

    @Test
    void theTargetInterfacesDeclareNoGetterLikeMethods() {
        List<Class<?>> interfaces = commands.stream().flatMap(command -> Arrays.stream(command.getInterfaces()))
                .filter(type -> type.getPackageName().startsWith("cn.daiban.kernel")).distinct().toList();
        assertThat(interfaces).extracting(Class::getSimpleName).contains("StationScoped", "DelegationTargeted",
                "AgentTargeted", "ConsultationTargeted", "ComplaintTargeted", "AppointmentTargeted");
        for (Class<?> type : interfaces) {
            assertThat(type.getMethods()).as(type.getSimpleName())
                    .allSatisfy(method -> assertThat(method.getName()).doesNotStartWith("get").doesNotStartWith("is"));
        }
    }
}
