package cn.daiban.kernel.common;

import cn.daiban.kernel.delegation.AcceptanceFormNumber;
import cn.daiban.kernel.station.StationCode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcceptanceFormNumberTest {

    @Test
    void readsAsStationDateAndSequence() {
        AcceptanceFormNumber number = AcceptanceFormNumber.of(StationCode.of("140521101201"), LocalDate.of(2026, 11, 24), 7);
        assertThat(number.value()).isEqualTo("140521101201-20261124-0007");
        assertThat(number.station()).isEqualTo(StationCode.of("140521101201"));
        assertThat(number.day()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(AcceptanceFormNumber.of("140521101201-20261124-0007")).isEqualTo(number);
    }

    @Test
    void malformedNumbersAreRefused() {
        assertThatThrownBy(() -> AcceptanceFormNumber.of("140521101201-20261324-0007")).hasMessageContaining("date");
        assertThatThrownBy(() -> AcceptanceFormNumber.of("140521101201-20261124-0000")).hasMessageContaining("0001");
        assertThatThrownBy(() -> AcceptanceFormNumber.of("20261124-0001")).hasMessageContaining("must read");
        assertThatThrownBy(() -> AcceptanceFormNumber.of(StationCode.of("1405"), LocalDate.of(2026, 1, 1), 10000))
                .hasMessageContaining("9999");
    }
}
