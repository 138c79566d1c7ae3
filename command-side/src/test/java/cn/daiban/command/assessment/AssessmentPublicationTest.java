package cn.daiban.command.assessment;

import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.dashboard.PublishQuarterlyAssessmentCommand;
import cn.daiban.kernel.dashboard.QuarterlyAssessmentPublishedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;

/** 003 四(三) 考核评估结果每季度通报: a quarter's assessment of a station is published once, after the quarter. */
class AssessmentPublicationTest {

    static final StationCode COUNTY = StationCode.of("140521000");
    static final int LAST_YEAR = LocalDate.now().getYear() - 1;

    private AggregateTestFixture<AssessmentPublication> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AssessmentPublication.class);
        fixture.registerInjectableResource((StationRegistry) code -> COUNTY.equals(code)
                ? Optional.of(new StationRegistry.RegisteredStation(COUNTY, "县中心", StationLevel.COUNTY_CENTRE,
                StationStatus.OPEN, null, "0356-7020000", Set.of()))
                : Optional.empty());
        fixture.registerInjectableResource(ServiceClock.defaults());
    }

    static QuarterlyAssessmentPublishedEvent published(int year, int quarter) {
        return new QuarterlyAssessmentPublishedEvent(PublishQuarterlyAssessmentCommand.idOf(COUNTY, year, quarter),
                COUNTY, year, quarter);
    }

    @Test
    void aQuarterThatIsOverIsPublishedUnderTheIdOfItsScopeAndQuarter() {
        fixture.givenNoPriorActivity()
                .when(new PublishQuarterlyAssessmentCommand(COUNTY, LAST_YEAR, 4))
                .expectSuccessfulHandlerExecution()
                .expectEvents(published(LAST_YEAR, 4));
    }

    @Test
    void assessmentPublishedOnce_aSecondPublicationOfTheSameQuarterAndScopeIsRefused() {
        fixture.given(published(LAST_YEAR, 4))
                .when(new PublishQuarterlyAssessmentCommand(COUNTY, LAST_YEAR, 4))
                .expectException(refusedBy(AssessmentPublication.PUBLISHED_ONCE))
                .expectNoEvents();
    }

    @Test
    void assessmentQuarterOver_aQuarterNotEndedYetIsNotPublished() {
        fixture.givenNoPriorActivity()
                .when(new PublishQuarterlyAssessmentCommand(COUNTY, LocalDate.now().getYear() + 1, 1))
                .expectException(refusedBy(AssessmentPublication.QUARTER_OVER))
                .expectNoEvents();
    }

    @Test
    void anUnknownStationHasNoAssessmentToPublish() {
        fixture.givenNoPriorActivity()
                .when(new PublishQuarterlyAssessmentCommand(StationCode.of("149999000"), LAST_YEAR, 4))
                .expectException(refusedBy("reference-exists", "station"))
                .expectNoEvents();
    }
}
