package cn.daiban.kernel.common;

import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.EscalateDelegationCommand;
import cn.daiban.kernel.station.StationCode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputLimitsTest {

    @Test
    void aCommandRefusesAListOverItsLimitNamingIt() {
        List<String> refs = Collections.nCopies(InputLimits.UPLOADED_MATERIAL_REFS + 1, "scan/1.pdf");
        assertThatThrownBy(() -> new EscalateDelegationCommand(DelegationId.create(), StationCode.of("140521000"),
                refs, null))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("uploadedMaterialRefs");
    }

    @Test
    void aCommandTakesAListAtItsLimit() {
        List<String> refs = Collections.nCopies(InputLimits.UPLOADED_MATERIAL_REFS, "scan/1.pdf");
        assertThat(new EscalateDelegationCommand(DelegationId.create(), StationCode.of("140521000"), refs, null)
                .uploadedMaterialRefs()).hasSize(InputLimits.UPLOADED_MATERIAL_REFS);
    }

    @Test
    void anUnnamedListHasTheDefaultLimit() {
        assertThat(InputLimits.items("steps")).isEqualTo(InputLimits.STEPS);
        assertThat(InputLimits.items("anythingElse")).isEqualTo(InputLimits.MAX_ITEMS);
    }

    /**
     * Every named limit is documented where clients read them: the README's "Input limits" row for lists, sets and
     * maps names each with its number, and the default for every other one.
     */
    @Test
    void theReadmeDocumentsEveryNamedListLimitAndTheDefault() throws Exception {
        Path readme = Path.of("..", "README.md");
        assertThat(readme).exists();
        String row = Files.readAllLines(readme).stream().filter(line -> line.startsWith("| a list, set or map in a body"))
                .findFirst().orElseThrow(() -> new AssertionError("README: no input-limits row for lists"));
        for (Map.Entry<String, Integer> limit : InputLimits.ITEMS.entrySet()) {
            assertThat(row).as("README input limit of " + limit.getKey())
                    .containsPattern("`" + limit.getKey() + "` " + limit.getValue() + "[,;]");
        }
        assertThat(row).contains("any other " + InputLimits.MAX_ITEMS + " entries");
    }
}
