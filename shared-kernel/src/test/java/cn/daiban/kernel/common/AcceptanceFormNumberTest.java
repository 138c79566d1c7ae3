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
        assertThatThrownBy(() -> AcceptanceFormNumber.of("140521101201-20261124-007")).hasMessageContaining("must read");
        assertThatThrownBy(() -> AcceptanceFormNumber.of("140521101201-20261124-1234567890"))
                .hasMessageContaining("must read");
        assertThatThrownBy(() -> AcceptanceFormNumber.of(StationCode.of("1405"), LocalDate.of(2026, 1, 1), 0))
                .hasMessageContaining("999999999");
    }

    @Test
    void aBusyDayGoesPast9999AndStillReads() {
        AcceptanceFormNumber number = AcceptanceFormNumber.of(StationCode.of("140521101201"), LocalDate.of(2026, 11, 24), 10_000);
        assertThat(number.value()).isEqualTo("140521101201-20261124-10000");
        assertThat(number.station()).isEqualTo(StationCode.of("140521101201"));
        assertThat(number.day()).isEqualTo(LocalDate.of(2026, 11, 24));
        assertThat(number.sequence()).isEqualTo(10_000);
        assertThat(AcceptanceFormNumber.of("140521101201-20261124-10000")).isEqualTo(number);
        AcceptanceFormNumber largest = AcceptanceFormNumber.of(StationCode.of("14052110120100000000"),
                LocalDate.of(2026, 11, 24), AcceptanceFormNumber.MAX_SEQUENCE);
        assertThat(largest.value()).hasSize(39);
        assertThat(largest.sequence()).isEqualTo(999_999_999);
        // Numbers issued before keep reading the same.
        assertThat(AcceptanceFormNumber.of("140521101201-20261124-0007").sequence()).isEqualTo(7);
    }
}
