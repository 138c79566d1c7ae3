package cn.daiban.query.infrastructure;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class EventTableHeadTest {

    @Test
    void aTableThatCannotBeReadLeavesTheStreamsCalledAtTheHeartbeat() {
        // Nothing listens on port 1: every look fails at once.
        DriverManagerDataSource away = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/daiban", "none", "");
        try (EventTableHead head = new EventTableHead(away, Duration.ofMillis(10), Duration.ofMillis(50))) {
            AtomicInteger calls = new AtomicInteger();
            head.callBack(calls::incrementAndGet);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);
            assertThat(head.head()).isNull();
        }
    }

    @Test
    void theIntervalMustBePositiveAndNoLongerThanTheHeartbeat() {
        DriverManagerDataSource any = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/daiban");
        assertThatThrownBy(() -> new EventTableHead(any, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventTableHead(any, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
