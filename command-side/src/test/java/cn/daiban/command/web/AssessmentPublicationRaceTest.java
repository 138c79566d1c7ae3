package cn.daiban.command.web;

import cn.daiban.command.common.CommandRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A publication that lost the race for its stream is answered with rule assessment-published-once on both engines:
 * the JDBC store's refused first event, the handler's already-exists details, and Axon Server's refused sequence 0
 * (exception classes do not cross it; its message does). Any other failure is not taken for one.
 */
class AssessmentPublicationRaceTest {

    @Test
    void assessmentPublishedOnce_aLostRaceForTheStreamIsRecognisedOnBothEngines() {
        assertThat(AssessmentCommandController.streamTaken(new AggregateStreamCreationException("taken"))).isTrue();
        assertThat(AssessmentCommandController.streamTaken(new CommandExecutionException("taken", null,
                CommandRejection.alreadyExists()))).isTrue();
        assertThat(AssessmentCommandController.streamTaken(RemoteFailureTest.remote("ConcurrencyException: "
                + "[AXONIQ-2000] Invalid sequence number 0 for aggregate assessment-140521000-2025-Q4, expected 1")))
                .isTrue();
        assertThat(AssessmentCommandController.streamTaken(RemoteFailureTest.remote("[AXONIQ-2000] Invalid sequence "
                + "number 3 for aggregate assessment-140521000-2025-Q4, expected 4"))).isFalse();
        assertThat(AssessmentCommandController.streamTaken(new CommandExecutionException("refused", null,
                CommandRejection.concurrentModification()))).isFalse();
        assertThat(AssessmentCommandController.streamTaken(new IllegalStateException("disk full"))).isFalse();
    }
}
