package cn.daiban.kernel.common;

import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.EscalateDelegationCommand;
import cn.daiban.kernel.station.StationCode;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

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
}
