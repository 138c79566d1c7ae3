package cn.daiban.kernel.common;

import cn.daiban.kernel.station.StationCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueObjectTest {

    @Test
    void mobileAndLandlineNumbersAreAccepted() {
        assertThat(new PhoneNumber("13812345678").value()).isEqualTo("13812345678");
        assertThat(new PhoneNumber("0356-2021234").value()).isEqualTo("0356-2021234");
        assertThat(new PhoneNumber("138 1234 5678").value()).isEqualTo("13812345678");
    }

    @Test
    void malformedPhoneNumberNamesTheField() {
        assertThatThrownBy(() -> new PhoneNumber("12345"))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("phone");
        assertThatThrownBy(() -> new PhoneNumber("23812345678")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void regionCodeIsADivisionCodeWithOptionalTownshipAndVillage() {
        assertThat(new RegionCode("140521").county()).isEqualTo("140521");
        assertThat(new RegionCode("140521101").county()).isEqualTo("140521");
        assertThat(new RegionCode("140521101201").value()).hasSize(12);
        assertThatThrownBy(() -> new RegionCode("1405")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new RegionCode("0405210")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void stationCodeIsUpperCaseLettersAndDigits() {
        assertThat(StationCode.of("140521101").toString()).isEqualTo("140521101");
        assertThatThrownBy(() -> StationCode.of("abc")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> StationCode.of("1405-21")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void blankTextIsRefusedAndTextIsTrimmed() {
        assertThat(Require.text("  沁水县  ", "name", 10)).isEqualTo("沁水县");
        assertThatThrownBy(() -> Require.text(" ", "name", 10)).hasMessage("name must not be blank");
        assertThatThrownBy(() -> Require.text("x".repeat(11), "name", 10))
                .hasMessage("name must be at most 10 characters");
    }
}
