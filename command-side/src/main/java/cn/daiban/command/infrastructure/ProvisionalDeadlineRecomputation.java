package cn.daiban.command.infrastructure;

import cn.daiban.kernel.calendar.CalendarYearLoadedEvent;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.RecomputeProvisionalDeadlineCommand;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A calendar year loaded: every open delegation whose provisional promised date reaches into it (or beyond) is sent
 * {@link RecomputeProvisionalDeadlineCommand}, by the system (`DOMAIN.md` "Time"). The delegations come from the
 * registry's partial index a page at a time, never from a whole-table read or one query per delegation.
 *
 * <p>Its own pooled streaming processing group (application.yml), not a subscribing one: the loading command stays
 * one small transaction (one failing delegation does not refuse the year), and the work survives a crash. The
 * group's token lives in PostgreSQL ({@code token_entry}) and advances only when the batch that handled the event
 * commits; with the embedded event store the recompute events are written in that same transaction (the command
 * bus joins it), so after a crash either all of them and the token are there, or none and the event is handled
 * again. A failure propagates (the command side's default error handler), so the processor retries the event with
 * back-off rather than skipping it. Handling it again is harmless: a delegation no longer provisional ignores the
 * command. Assumption: a year loaded before this group first ran is handled when the group replays from the start
 * of the stream; a replay recomputes with today's calendar and changes nothing already recomputed.
 */
@Component
@ProcessingGroup(ProvisionalDeadlineRecomputation.PROCESSING_GROUP)
class ProvisionalDeadlineRecomputation {

    static final String PROCESSING_GROUP = "provisional-deadline-recomputation";
    private static final int PAGE = 500;
    private static final Logger log = LoggerFactory.getLogger(ProvisionalDeadlineRecomputation.class);

    private final JdbcUnfinishedDelegations registry;
    private final CommandGateway commands;

    ProvisionalDeadlineRecomputation(JdbcUnfinishedDelegations registry, CommandGateway commands) {
        this.registry = registry;
        this.commands = commands;
    }

    @EventHandler
    void on(CalendarYearLoadedEvent event) {
        int sent = 0;
        String after = null;
        List<DelegationId> page;
        do {
            page = registry.provisionalFrom(event.year(), after, PAGE);
            for (DelegationId delegationId : page) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new RecomputeProvisionalDeadlineCommand(delegationId)).andMetaData(
                        MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)));
                after = delegationId.value();
                sent++;
            }
        } while (page.size() == PAGE);
        if (sent > 0) {
            log.info("calendar year {} loaded: recomputed the provisional promised dates of {} delegations",
                    event.year(), sent);
        }
    }
}
