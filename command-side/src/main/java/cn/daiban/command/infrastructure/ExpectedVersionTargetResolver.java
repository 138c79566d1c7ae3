package cn.daiban.command.infrastructure;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Finds a command's target aggregate from its {@code @TargetAggregateIdentifier} and the version the client
 * last saw from the {@value #EXPECTED_VERSION} metadata (the HTTP {@code If-Match} header). Axon refuses the
 * command with a conflict when the aggregate has moved on since, so a stale client never overwrites a newer
 * step unseen.
 */
@Component(ExpectedVersionTargetResolver.BEAN_NAME)
public class ExpectedVersionTargetResolver implements CommandTargetResolver {

    public static final String BEAN_NAME = "expectedVersionTargetResolver";
    public static final String EXPECTED_VERSION = "expectedVersion";

    private final CommandTargetResolver delegate = AnnotationCommandTargetResolver.builder().build();

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        VersionedAggregateIdentifier target = delegate.resolveTarget(command);
        Object expected = command.getMetaData().get(EXPECTED_VERSION);
        if (expected == null) {
            return target;
        }
        long version = expected instanceof Number number ? number.longValue() : Long.parseLong(expected.toString());
        return new VersionedAggregateIdentifier(target.getIdentifierValue(), version);
    }
}
