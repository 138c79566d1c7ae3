package cn.daiban.command.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.RemoteExceptionDescription;
import org.axonframework.messaging.RemoteHandlingException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What fails behind Axon Server after the handler returned arrives without details, as a remote exception holding
 * the handling node's messages: these are the forms the HTTP layer must still answer with their meaning.
 */
class RemoteFailureTest {

    static CommandExecutionException remote(String... descriptions) {
        return new CommandExecutionException("An exception was thrown by the remote message handling component",
                new RemoteHandlingException(new RemoteExceptionDescription(List.of(descriptions))));
    }

    @Test
    void anInvalidSequenceZeroIsAnIdAlreadyTaken() {
        ProblemDetail problem = ProblemHandler.remoteFailure(remote("ConcurrencyException: [AXONIQ-2000] Invalid "
                + "sequence number 0 for aggregate 140521000, expected 1"));
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getProperties()).containsEntry("rule", "already-exists");
    }

    @Test
    void anotherInvalidSequenceIsAConcurrentChange() {
        ProblemDetail problem = ProblemHandler.remoteFailure(remote("[AXONIQ-2000] Invalid sequence number 4 for "
                + "aggregate d-1, expected 5"));
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getProperties()).containsEntry("rule", "concurrent-modification");
    }

    @Test
    void aVersionNotAsExpectedIsAStaleIfMatch() {
        ProblemDetail problem = ProblemHandler.remoteFailure(remote("The version of aggregate [140521000] was not as "
                + "expected. Expected [0], but repository found [1]"));
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getProperties()).containsEntry("rule", "stale-version").containsEntry("field", "If-Match");
    }

    @Test
    void anErasedSubjectIs422NamingTheRecord() {
        ProblemDetail problem = ProblemHandler.remoteFailure(remote("the personal data of record d-7 was erased: "
                + "record a new matter for new data"));
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getProperties()).containsEntry("rule", "data-subject-erased");
        assertThat(problem.getDetail()).contains("d-7");
    }

    @Test
    void anythingElseIsNotGuessed() {
        assertThat(ProblemHandler.remoteFailure(remote("NullPointerException: boom"))).isNull();
    }
}
