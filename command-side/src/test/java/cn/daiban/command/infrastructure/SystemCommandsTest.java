package cn.daiban.command.infrastructure;

import cn.daiban.command.common.CommandRejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.messaging.RemoteExceptionDescription;
import org.axonframework.messaging.RemoteHandlingException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Already there" in every form seeding meets it, on either engine; and nothing else counts as done. */
class SystemCommandsTest {

    @Test
    void everyFormOfAlreadyThereIsDone() {
        assertThat(SystemCommands.alreadyThere(new AggregateStreamCreationException("taken"))).isTrue();
        assertThat(SystemCommands.alreadyThere(new CommandExecutionException("remote", new RemoteHandlingException(
                new RemoteExceptionDescription(List.of("[AXONIQ-2000] Invalid sequence number 0 for aggregate "
                        + "calendar-2025, expected 1")))))).isTrue();
        assertThat(SystemCommands.alreadyThere(new CommandExecutionException("taken", null,
                CommandRejection.alreadyExists()))).isTrue();
        assertThat(SystemCommands.alreadyThere(new DuplicateKeyException("calendar_year_pkey"))).isTrue();
    }

    @Test
    void otherFailuresAreNotDone() {
        assertThat(SystemCommands.alreadyThere(new IllegalStateException("disk full"))).isFalse();
        assertThat(SystemCommands.alreadyThere(new CommandExecutionException("remote", new RemoteHandlingException(
                new RemoteExceptionDescription(List.of("[AXONIQ-2000] Invalid sequence number 3 for aggregate "
                        + "calendar-2025, expected 4")))))).isFalse();
        assertThat(SystemCommands.noHandlerYet(new NoHandlerForCommandException("none"))).isTrue();
        assertThat(SystemCommands.noHandlerYet(new IllegalStateException("other"))).isFalse();
    }
}
