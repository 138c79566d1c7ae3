package cn.daiban.query.infrastructure;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The log says what was parked and why, once per parked event; what waits behind it is not a second warning. */
class ParkingLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("cn.daiban.query.deadletters");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
    }

    record Reported(String note) {
    }

    @Test
    void aParkedEventIsLoggedOnceWithWhatAndWhyAndWhatWaitsBehindItIsNoWarning() {
        ParkingLog queue = new ParkingLog("delegations", InMemorySequencedDeadLetterQueue.defaultQueue());
        EventMessage<?> failing = new GenericDomainEventMessage<>("Delegation", "d-1", 3, new Reported("a\u0000b"));
        EventMessage<?> behind = new GenericDomainEventMessage<>("Delegation", "d-1", 4, new Reported("next"));

        queue.enqueue("d-1", new GenericDeadLetter<>("d-1", failing,
                new IllegalStateException("invalid byte sequence for encoding \"UTF8\": 0x00")));
        queue.enqueue("d-1", new GenericDeadLetter<>("d-1", behind));

        List<ILoggingEvent> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).hasSize(1);
        String parked = warnings.get(0).getFormattedMessage();
        assertThat(parked).contains("parked Reported #3 of sequence d-1", failing.getIdentifier(),
                "processing group delegations", "java.lang.IllegalStateException", "0x00");
        assertThat(appender.list).filteredOn(e -> e.getLevel() == Level.INFO).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains("queued Reported #4",
                        "behind the parked sequence d-1"));
        assertThat(queue.sequenceSize("d-1")).isEqualTo(2);
    }
}
