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
        long started = System.nanoTime();
        try (EventTableHead head = new EventTableHead(away, Duration.ofMillis(10), Duration.ofMillis(50))) {
            AtomicInteger calls = new AtomicInteger();
            head.callBack(calls::incrementAndGet);
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.get() >= 3);
            int called = calls.get(); // before the time is read: calls only grow
            long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(head.head()).isNull();
            // At the heartbeat, not at every failed look (every 10 ms): at most one call per 45 ms (the heartbeat
            // less one check), and one more for the call under way.
            assertThat(called).isLessThanOrEqualTo((int) (elapsedMillis / 45) + 2);
        }
    }

    @Test
    void theIntervalMustBeAtLeastFiveMillisecondsAndNoLongerThanTheHeartbeat() {
        DriverManagerDataSource any = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/daiban");
        assertThatThrownBy(() -> new EventTableHead(any, Duration.ofMillis(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventTableHead(any, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
