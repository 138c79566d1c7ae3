package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.*;
import org.junit.jupiter.api.Test;

import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static cn.daiban.command.common.DomainRuleMatchers.refusedBy;
import static cn.daiban.command.delegation.DelegationMessages.*;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;

/**
 * The escalation path ({@link Escalation}): a matter outside the station's authority goes up in time to a level
 * that has it, and completes only with an approval returned from there.
 */
class EscalationTest extends DelegationFixtureSupport {

    @Test
    void matterTheStationsOwnLevelMayDecideIsNotEscalated() {
        // 城乡居民养老保险参保登记 is decided at village level too: the village completes it itself.
        fixture().givenCurrentTime(NOW).andGivenCommands(proxy(PENSION))
                .when(new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null))
                .expectException(refusedBy("escalate-only-outside-authority"))
                .expectNoEvents();
    }

    @Test
    void matterOutsideTheStationsAuthorityIsFlaggedAndMustBeForwardedInTime() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 11, 28), 1))
                .expectEvents(new EscalationHopOverdueEvent(ID, 0, VILLAGE, LocalDate.of(2026, 11, 27)));
    }

    @Test
    void escalationGoesOnlyToALevelWithAuthority() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new EscalateDelegationCommand(ID, TOWNSHIP, List.of("scan-001.pdf"), null))
                .expectException(refusedBy("escalate-to-authority", "targetStationCode")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), "材料已扫描上传"))
                .expectEvents(new DelegationEscalatedEvent(ID, 1, VILLAGE, COUNTY, List.of("scan-001.pdf"), "材料已扫描上传",
                        TODAY, LocalDate.of(2026, 12, 7)));
    }

    @Test
    void stalledUpperLevelHopIsFlaggedBeforeTheMatterIsLate() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null))
                .whenTimeAdvancesTo(at(LocalDate.of(2026, 12, 8), 1))
                .expectEventsMatching(exactSequenceOf(
                        messageWithPayload(matches(event -> event instanceof DeadlineApproachingEvent)),
                        messageWithPayload(matches(event -> event.equals(
                                new EscalationHopOverdueEvent(ID, 1, COUNTY, LocalDate.of(2026, 12, 7))))),
                        andNoMore()));
    }
    /**
     * 000 §7.2.3 c (乡镇或县级审核、签字、盖章并出证): the station the matter was sent to decides. The township lies above
     * the village but the hop went to the county: refused by name; the county records it.
     */
    @Test
    void decidedByHopTarget_000_7_2_3_c_onlyTheStationTheMatterWasSentTo() {
        UpperLevelDecisionRecordedEvent decided = new UpperLevelDecisionRecordedEvent(ID, 1, COUNTY, true,
                "晋(2026)沁水县不动产权第0001号", null, TODAY);
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null))
                .when(new RecordUpperLevelDecisionCommand(ID, 1, true, "晋(2026)沁水县不动产权第0001号", null),
                        java.util.Map.of("stationCode", TOWNSHIP.value()))
                .expectException(refusedBy("decided-by-hop-target", "hopNumber")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null))
                .when(new RecordUpperLevelDecisionCommand(ID, 1, true, "晋(2026)沁水县不动产权第0001号", null),
                        java.util.Map.of("stationCode", COUNTY.value()))
                .expectEvents(decided);
    }

    /** 000 §7.2.3 c: an administrator (no station of their own) records the decision for the hop's target. */
    @Test
    void decidedByHopTarget_000_7_2_3_c_anAdministratorActsForTheTarget() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null))
                .when(new RecordUpperLevelDecisionCommand(ID, 1, false, null, "权属来源证明不符"),
                        java.util.Map.of("actorId", "admin"))
                .expectEvents(new UpperLevelDecisionRecordedEvent(ID, 1, COUNTY, false, null, "权属来源证明不符", TODAY));
    }

    /**
     * 000 §7.2.3 (县镇相关业务人员…审核、签字、盖章、出证): the matter goes up its own station's line. Another township's
     * centre has the same authority but is not above the village: refused by name; the village's own township takes
     * it, and so would the county above them both.
     */
    @Test
    void escalationGoesUpTheMattersOwnLine_000_7_2_3() {
        StationCode otherTownship = StationCode.of("140521102");
        stations.put(VILLAGE, station(VILLAGE, StationLevel.VILLAGE_STATION, StationStatus.OPEN, TOWNSHIP));
        stations.put(TOWNSHIP, station(TOWNSHIP, StationLevel.TOWNSHIP_CENTRE, StationStatus.OPEN, COUNTY));
        stations.put(otherTownship, station(otherTownship, StationLevel.TOWNSHIP_CENTRE, StationStatus.OPEN, COUNTY));
        // The item decided by the township too, so both townships have the authority.
        ServiceItemDefinition county = REAL_ESTATE_ITEM;
        ServiceItemDefinition townshipDecides = new ServiceItemDefinition(county.name(), county.department(),
                Set.of(StationLevel.TOWNSHIP_CENTRE, StationLevel.COUNTY_CENTRE), county.materials(),
                county.timeLimitWorkingDays(), county.fees(), county.touchesPrivacy(), county.onlineAvailable(),
                county.conditions(), county.process(), county.legalBasis());
        items.put(REAL_ESTATE, new ServiceItemCatalog.PublishedServiceItem(REAL_ESTATE, 1, townshipDecides, false));
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new EscalateDelegationCommand(ID, otherTownship, List.of("scan-001.pdf"), null))
                .expectException(refusedBy("escalate-upwards", "targetStationCode")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new EscalateDelegationCommand(ID, TOWNSHIP, List.of("scan-001.pdf"), null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        event instanceof DelegationEscalatedEvent up && up.targetStationCode().equals(TOWNSHIP))),
                        andNoMore()));
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy())
                .when(new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null))
                .expectEventsMatching(exactSequenceOf(messageWithPayload(matches(event ->
                        event instanceof DelegationEscalatedEvent up && up.targetStationCode().equals(COUNTY))),
                        andNoMore()));
    }

    /** A matter a hop has, decided or not, is not sent up again until the hop's result is back. */
    @Test
    void matterIsNotEscalatedAgainWhileAHopHasIt() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null),
                        new RecordUpperLevelDecisionCommand(ID, 1, false, null, "材料不全"))
                .when(new EscalateDelegationCommand(ID, COUNTY, List.of("scan-002.pdf"), null))
                .expectException(refusedBy("delegation-status")).expectNoEvents();
    }

    /**
     * A refusal's result came back down to the village (材料不全): the agent gathers what was missing and sends the
     * matter up again to the same centre, a second hop from the village.
     */
    @Test
    void refusedMatterGoesUpAgainOnceItsResultIsBack() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null),
                        new RecordUpperLevelDecisionCommand(ID, 1, false, null, "材料不全"),
                        new ReturnResultCommand(ID, 1))
                .when(new EscalateDelegationCommand(ID, COUNTY, List.of("scan-002.pdf"), "补充后再次上报"))
                .expectEvents(new DelegationEscalatedEvent(ID, 2, VILLAGE, COUNTY, List.of("scan-002.pdf"),
                        "补充后再次上报", TODAY, LocalDate.of(2026, 12, 7)));
    }

    /** An approval that came back down ends the escalation: the matter is completed, not sent up again. */
    @Test
    void approvedMatterIsNotSentUpAgain() {
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(),
                        new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null),
                        new RecordUpperLevelDecisionCommand(ID, 1, true, "晋(2026)沁水县不动产权第0001号", null),
                        new ReturnResultCommand(ID, 1))
                .when(new EscalateDelegationCommand(ID, COUNTY, List.of("scan-002.pdf"), null))
                .expectException(refusedBy("escalate-until-approved")).expectNoEvents();
    }

    /** Only the current hop is decided, once, and its result returned only once decided. */
    @Test
    void theCurrentHopIsDecidedOnceAndReturnedOnceDecided() {
        EscalateDelegationCommand up = new EscalateDelegationCommand(ID, COUNTY, List.of("scan-001.pdf"), null);
        RecordUpperLevelDecisionCommand approve = new RecordUpperLevelDecisionCommand(ID, 1, true,
                "晋(2026)沁水县不动产权第0001号", null);
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), up)
                .when(new RecordUpperLevelDecisionCommand(ID, 2, true, "晋(2026)沁水县不动产权第0001号", null))
                .expectException(refusedBy("current-hop", "hopNumber")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), up)
                .when(new ReturnResultCommand(ID, 1))
                .expectException(refusedBy("hop-decided")).expectNoEvents();
        fixture().givenCurrentTime(NOW).andGivenCommands(realEstateProxy(), up, approve)
                .when(approve)
                .expectException(refusedBy("hop-undecided")).expectNoEvents();
    }
}
