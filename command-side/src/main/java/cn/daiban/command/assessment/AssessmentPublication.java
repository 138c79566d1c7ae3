package cn.daiban.command.assessment;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.dashboard.PublishQuarterlyAssessmentCommand;
import cn.daiban.kernel.dashboard.QuarterlyAssessmentPublishedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The publication (通报) of one station's quarterly assessment (`003 四(三)`: 考核评估结果每季度通报), one per station
 * and quarter: its id is the scope and the quarter, so a second publication loads this aggregate and is refused
 * ({@link #PUBLISHED_ONCE}); two at the same moment both find none, and the event store lets only one of them
 * write the stream's first event (the other is answered with the same rule by the HTTP layer).
 */
@Aggregate
public class AssessmentPublication {

    /** A quarter's assessment of a scope is published once. */
    public static final String PUBLISHED_ONCE = "assessment-published-once";
    /** Only a quarter that is over is published: its figures no longer move with new matters. */
    public static final String QUARTER_OVER = "assessment-quarter-over";

    @AggregateIdentifier
    private String publicationId;
    private boolean published;

    AssessmentPublication() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(PublishQuarterlyAssessmentCommand command, StationRegistry stations, ServiceClock clock) {
        if (published) {
            throw DomainRuleException.illegalTransition(PUBLISHED_ONCE, "the assessment of " + command.stationCode()
                    + " for " + command.year() + "-Q" + command.quarter() + " was published already");
        }
        if (stations.find(command.stationCode()).isEmpty()) {
            throw DomainRuleException.unknownReference("station", "no station " + command.stationCode());
        }
        LocalDate lastDay = YearMonth.of(command.year(), command.quarter() * 3).atEndOfMonth();
        if (!clock.today().isAfter(lastDay)) {
            throw DomainRuleException.ruleViolated(QUARTER_OVER, "quarter", command.year() + "-Q" + command.quarter()
                    + " is not over yet (it ends " + lastDay + "): its assessment is published after it");
        }
        apply(new QuarterlyAssessmentPublishedEvent(command.publicationId(), command.stationCode(), command.year(),
                command.quarter()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(QuarterlyAssessmentPublishedEvent event) {
        publicationId = event.publicationId();
        published = true;
    }
}
