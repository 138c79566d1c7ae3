package cn.daiban.command.infrastructure;

import cn.daiban.kernel.delegation.DelegationId;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The resolver remembers, per command class, where its target is; it must find what Axon's annotation resolver
 * finds, for every shape a command can take.
 */
class ExpectedVersionTargetResolverTest {

    private final ExpectedVersionTargetResolver resolver = new ExpectedVersionTargetResolver();
    private final CommandTargetResolver axons = AnnotationCommandTargetResolver.builder().build();

    record OnAComponent(@TargetAggregateIdentifier String id, String other) {
    }

    static class OnAPrivateField {
        @TargetAggregateIdentifier
        private final String id;

        OnAPrivateField(String id) {
            this.id = id;
        }
    }

    static class OnAGetter {
        private final String value;

        OnAGetter(String value) {
            this.value = value;
        }

        @TargetAggregateIdentifier
        public String target() {
            return "target-" + value;
        }
    }

    static class Inherited extends OnAPrivateField {
        Inherited(String id) {
            super(id);
        }
    }

    record WithAVersion(@TargetAggregateIdentifier String id, @TargetAggregateVersion int version) {
    }

    record WithoutATarget(String id) {
    }

    @Test
    void findsTheTargetWhereAxonsResolverFindsIt() {
        for (Object payload : new Object[]{new OnAComponent("a-1", "x"), new OnAPrivateField("a-2"),
                new OnAGetter("a-3"), new Inherited("a-4"), new WithAVersion("a-5", 7)}) {
            CommandMessage<?> command = GenericCommandMessage.asCommandMessage(payload);
            VersionedAggregateIdentifier ours = resolver.resolveTarget(command);
            VersionedAggregateIdentifier expected = axons.resolveTarget(command);
            assertThat(ours.getIdentifierValue()).as("%s", payload).isEqualTo(expected.getIdentifierValue());
            assertThat(ours.getVersion()).as("%s", payload).isEqualTo(expected.getVersion());
            // A second time from what it remembered.
            assertThat(resolver.resolveTarget(command).getIdentifierValue()).isEqualTo(expected.getIdentifierValue());
        }
        assertThat(resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new WithAVersion("a-5", 7)))
                .getVersion()).isEqualTo(7L);
    }

    @Test
    void theClientsExpectedVersionComesFromTheMetadata() {
        CommandMessage<?> command = GenericCommandMessage.<OnAComponent>asCommandMessage(new OnAComponent("a-1", "x"))
                .andMetaData(MetaData.from(Map.of(ExpectedVersionTargetResolver.EXPECTED_VERSION, 3)));
        assertThat(resolver.resolveTarget(command).getVersion()).isEqualTo(3L);
        CommandMessage<?> asText = GenericCommandMessage.<OnAComponent>asCommandMessage(new OnAComponent("a-1", "x"))
                .andMetaData(MetaData.from(Map.of(ExpectedVersionTargetResolver.EXPECTED_VERSION, "4")));
        assertThat(resolver.resolveTarget(asText).getVersion()).isEqualTo(4L);
        assertThat(resolver.resolveTarget(GenericCommandMessage.asCommandMessage(new OnAComponent("a-1", "x")))
                .getVersion()).isNull();
    }

    @Test
    void aCommandWithoutATargetIsRefusedInAxonsWords() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(new WithoutATarget("a-1"));
        assertThatThrownBy(() -> axons.resolveTarget(command)).isInstanceOf(IllegalArgumentException.class);
        String axonsWords = catchMessage(() -> axons.resolveTarget(command));
        assertThatThrownBy(() -> resolver.resolveTarget(command)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(axonsWords);
        CommandMessage<?> nullTarget = GenericCommandMessage.asCommandMessage(new OnAComponent(null, "x"));
        assertThatThrownBy(() -> resolver.resolveTarget(nullTarget)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not identify the target aggregate");
    }

    @Test
    void aDelegationCommandResolvesToItsDelegation() {
        DelegationId id = DelegationId.create();
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(
                new cn.daiban.kernel.delegation.ReportProgressCommand(id, "材料已转交",
                        cn.daiban.kernel.delegation.ProgressChannel.PHONE, null));
        assertThat(resolver.resolveTarget(command).getIdentifierValue())
                .isEqualTo(axons.resolveTarget(command).getIdentifierValue());
    }

    private static String catchMessage(Runnable call) {
        try {
            call.run();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
