package cn.daiban.kernel.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityNumberTest {

    @Test
    void residentIdWithCorrectCheckDigitIsAccepted() {
        // The worked example of GB 11643-1999.
        assertThat(ResidentId.of("11010519491231002X").value()).isEqualTo("11010519491231002X");
        assertThat(ResidentId.of("11010519491231002x").value()).isEqualTo("11010519491231002X");
    }

    @Test
    void checkDigitIsComputedByMod11() {
        assertThat(ResidentId.checkCharacter("11010519491231002")).isEqualTo('X');
        assertThat(ResidentId.checkCharacter("14052119800101123")).isEqualTo(
                ResidentId.of("14052119800101123" + ResidentId.checkCharacter("14052119800101123")).value().charAt(17));
    }

    @Test
    void residentIdWithWrongCheckDigitIsRefused() {
        assertThatThrownBy(() -> ResidentId.of("110105194912310021"))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("check digit");
    }

    @Test
    void residentIdWithImpossibleBirthDateIsRefused() {
        String first17 = "14052119800231123"; // 31 February
        assertThatThrownBy(() -> ResidentId.of(first17 + ResidentId.checkCharacter(first17)))
                .hasMessageContaining("birth date");
    }

    @Test
    void residentIdOfWrongLengthIsRefused() {
        assertThatThrownBy(() -> ResidentId.of("1101051949123100")).hasMessageContaining("18 characters");
    }

    @Test
    void residentIdIsMaskedWhenPrinted() {
        assertThat(ResidentId.of("11010519491231002X").toString()).isEqualTo("1101**********002X");
    }

    @Test
    void creditCodeWithCorrectCheckCharacterIsAccepted() {
        assertThat(UnifiedSocialCreditCode.of("91350100M000100Y43").value()).isEqualTo("91350100M000100Y43");
        assertThat(UnifiedSocialCreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    }

    @Test
    void creditCodeWithWrongCheckCharacterOrForbiddenLetterIsRefused() {
        assertThatThrownBy(() -> UnifiedSocialCreditCode.of("91350100M000100Y44")).hasMessageContaining("check");
        assertThatThrownBy(() -> UnifiedSocialCreditCode.of("91350100M000100I43")).hasMessageContaining("without I");
    }
}
