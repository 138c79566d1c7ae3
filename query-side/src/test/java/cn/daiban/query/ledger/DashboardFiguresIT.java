package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.common.ResidentId;
import cn.daiban.kernel.dashboard.FetchOneTimeNoticeBreachesQuery;
import cn.daiban.kernel.dashboard.FetchStationDashboardQuery;
import cn.daiban.kernel.dashboard.OneTimeNoticeBreachesResponse;
import cn.daiban.kernel.dashboard.Scope;
import cn.daiban.kernel.dashboard.StationDashboardResponse;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.ledger.FetchWorkLedgerQuery;
import cn.daiban.kernel.ledger.LedgerFilter;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.ProjectionsAtHead;
import cn.daiban.query.support.Rebuilds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's delegation figures (intake, completions, open by status, awaiting archive, archived, client
 * categories, home visits, satisfaction grades) and the ledger's total, read from the projection's counters, equal
 * a recount of delegation_view and evaluation_view with the SQL the dashboard used before the counters (kept here as
 * the reference): for a varied, seeded history across a county, a township and two villages, over periods made of
 * whole months, edge days or both, for several "todays", per station and rolled up; after further changes (status,
 * categories, visits, grades and voidings, hand-backs and archiving); after the counters were wiped and the
 * projection rebuilt. And the upgrade's backfill of the counters gives what the projection keeps.
 */
class DashboardFiguresIT extends PostgresIntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final String C = "142200000";
    static final String T = "1422000001";
    static final String V1 = "142200000101";
    static final String V2 = "142200000102";
    static final List<String> STATIONS = List.of(C, T, V1, V2);
    static final AgentId AGENT = AgentId.of("bbbbbbbb-1111-4c3b-9a57-0d5f1e2a3b4c");
    static final AgentId OTHER_AGENT = AgentId.of("cccccccc-1111-4c3b-9a57-0d5f1e2a3b4c");
    static final Client CLIENT = new Client(ClientKind.CITIZEN, "王秀英", ResidentId.of("11010519491231002X"), null,
            PhoneNumber.of("13912345678"), null);
    static final LocalDate FIRST = LocalDate.of(2026, 10, 12);

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DashboardQueries dashboards;
    @Autowired
    LedgerQueries ledger;
    @Autowired
    OneTimeNoticeBreaches breachList;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    final Map<String, Long> sequences = new HashMap<>();
    final List<DelegationId> delegations = new ArrayList<>();
    /** Delegations left open by the first history, with their station, for the second round of changes. */
    final Map<DelegationId, String> open = new LinkedHashMap<>();
    long appended;

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(SHANGHAI).toInstant();
    }

    void append(String type, String aggregateId, Object payload, Instant at) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, AGENT.value(), MetadataKeys.STATION_CODE, V1), UUID.randomUUID().toString(),
                at));
        if (type.equals("Delegation")) {
            appended++;
        }
    }

    void d(DelegationId id, Object event, LocalDate day, int hour) {
        append("Delegation", id.value(), event, at(day, hour));
    }

    void station(String code, StationLevel level, String parent) {
        StationManager manager = new StationManager("张伟", PhoneNumber.of("13812345678"));
        append("Station", code, new StationOpeningRequestedEvent(StationCode.of(code), "站 " + code, level,
                parent == null ? null : StationCode.of(parent), null, RegionCode.of("142200"), "地址", manager,
                PhoneNumber.of("0356-7022345"), List.of(), Set.of()), at(LocalDate.of(2026, 10, 1), 9));
        append("Station", code, new StationOpeningApprovedEvent(StationCode.of(code), null, null),
                at(LocalDate.of(2026, 10, 1), 10));
    }

    static final List<String> CATEGORIES = List.of("ELDERLY", "DISABLED", "LOW_INCOME");

    /** None, one or two of the client categories, at random. */
    static Set<ClientCategoryCode> categories(Random random) {
        Set<ClientCategoryCode> codes = new java.util.HashSet<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            codes.add(ClientCategoryCode.of(CATEGORIES.get(random.nextInt(CATEGORIES.size()))));
        }
        return codes;
    }

    DelegationCommissionedEvent commissioned(DelegationId id, DelegationKind kind, String station, LocalDate day,
                                             LocalDate deadline, Set<ClientCategoryCode> categories) {
        return new DelegationCommissionedEvent(id, kind, ServiceMode.ON_SITE, StationCode.of(station), "W1", AGENT,
                ServiceItemCode.of("RS-001"), 1, "城乡居民养老保险参保登记", "人社", Set.of(StationLevel.VILLAGE_STATION),
                List.of(), CLIENT, kind == DelegationKind.PROXY
                ? AcceptanceFormNumber.of(StationCode.of(station), day, delegations.size() + 1) : null,
                null, List.of(), List.of(), null, true, List.of(), "0356-7022345", false, false, day, 5, deadline,
                null, null, categories, null, null, null, null, null, null, null);
    }

    static SatisfactionGrade grade(Random random) {
        return SatisfactionGrade.values()[random.nextInt(SatisfactionGrade.values().length)];
    }

    void evaluated(DelegationId id, int number, SatisfactionGrade grade, LocalDate on) {
        d(id, new DelegationEvaluatedEvent(id, number, grade, grade, grade, grade, EvaluationChannel.DEVICE, null, on),
                on, 17);
    }

    /** A home visit agreed for {@code day} 09:00 and made on time or an hour late. */
    void homeVisit(DelegationId id, LocalDate day, boolean late) {
        Instant agreed = at(day, 9);
        d(id, new HomeVisitArrangedEvent(id, ServiceMode.ON_SITE, new HomeVisitAppointment(agreed, null), "行动不便"),
                day.minusDays(1), 12);
        Instant arrived = late ? agreed.plus(Duration.ofMinutes(65)) : agreed.minus(Duration.ofMinutes(5));
        d(id, new HomeVisitRecordedEvent(id, agreed, arrived, late, late ? 65 : 0, null), day, late ? 11 : 9);
    }

    /** One delegation along one of several paths, from {@code day} on; answers whether it is left open. */
    boolean history(Random random, String station, LocalDate day, int path) {
        DelegationId id = DelegationId.create();
        delegations.add(id);
        DelegationKind kind = random.nextBoolean() ? DelegationKind.PROXY : DelegationKind.ASSIST;
        LocalDate deadline = day.plusDays(7);
        if (path == 0) {
            d(id, new DelegationDeclinedEvent(id, kind, StationCode.of(station), AGENT, ServiceItemCode.of("RS-001"),
                    "城乡居民养老保险参保登记", CLIENT, "已参保", day), day, 10);
            // Some declined intakes held materials: handed back, they await their archive; some are archived.
            if (random.nextBoolean()) {
                d(id, new MaterialsHandedBackEvent(id, List.of("户口簿"), true, null, day), day, 11);
                if (random.nextBoolean()) {
                    d(id, new DelegationArchivedEvent(id, "归档-" + id.value(), List.of("退件单"), day.plusDays(2)),
                            day.plusDays(2), 9);
                }
            }
            return false;
        }
        d(id, commissioned(id, kind, station, day, deadline, categories(random)), day, 9);
        switch (path) {
            case 1 -> { // completed (on time or not, some the same day), delivered, evaluated, archived
                int days = random.nextInt(4);
                LocalDate done = day.plusDays(days);
                d(id, new DelegationCompletedEvent(id, true, "参保号", null, done, deadline, random.nextBoolean(),
                        days), done, 15);
                d(id, new ResultDeliveredEvent(id, DeliveryMethod.IN_PERSON, null, "签收", false, false, done, done),
                        done, 16);
                evaluated(id, 1, grade(random), done);
                if (random.nextBoolean()) {
                    d(id, new DelegationArchivedEvent(id, "归档-" + id.value(), List.of("受理单"), done.plusDays(1)),
                            done.plusDays(1), 9);
                }
                return false;
            }
            case 2 -> { // supplements, a breach, left awaiting the second one
                List<MissingMaterial> missing = List.of(new MissingMaterial("户口簿", "派出所"));
                d(id, new SupplementRequestedEvent(id, 1, missing, day, day.plusDays(2), null, false), day, 10);
                d(id, new SupplementReceivedEvent(id, 1, day.plusDays(1), 1, deadline, deadline.plusDays(1)),
                        day.plusDays(1), 10);
                d(id, new SupplementRequestedEvent(id, 2, missing, day.plusDays(2), day.plusDays(4), "新增", true),
                        day.plusDays(2), 10);
                return true;
            }
            case 3 -> { // escalated; half of them come back and are completed late
                d(id, new DelegationEscalatedEvent(id, 1, StationCode.of(station), StationCode.of(C), List.of("a.pdf"),
                        null, day, day.plusDays(3)), day, 11);
                if (random.nextBoolean()) {
                    return true;
                }
                d(id, new ResultReturnedEvent(id, 1, StationCode.of(station), day.plusDays(3)), day.plusDays(3), 9);
                d(id, new DelegationCompletedEvent(id, false, null, "材料不符", day.plusDays(9), deadline, false, 6),
                        day.plusDays(9), 9);
                return false;
            }
            case 4 -> { // suspended; resumed (open again) or terminated
                d(id, new DelegationSuspendedEvent(id, SuspensionReason.CLIENT_REQUEST, "外出", day.plusDays(1),
                        day.plusDays(30)), day.plusDays(1), 10);
                if (random.nextBoolean()) {
                    return true;
                }
                if (random.nextBoolean()) {
                    d(id, new DelegationResumedEvent(id, day.plusDays(3), 2, deadline, deadline.plusDays(2)),
                            day.plusDays(3), 10);
                    return true;
                }
                d(id, new DelegationTerminatedEvent(id, TerminationReason.CLIENT_WITHDREW, null, day.plusDays(4)),
                        day.plusDays(4), 10);
                if (random.nextBoolean()) {
                    d(id, new MaterialsHandedBackEvent(id, List.of("户口簿"), true, null, day.plusDays(4)),
                            day.plusDays(4), 11);
                    d(id, new DelegationArchivedEvent(id, "归档-" + id.value(), List.of("终止单"), day.plusDays(5)),
                            day.plusDays(5), 9);
                }
                return false;
            }
            case 5 -> { // completed late, poor grade, a rectification: overdue, done, or voided with the grade
                LocalDate done = day.plusDays(2);
                d(id, new DelegationCompletedEvent(id, true, "参保号", null, done, day.plusDays(1), false, 2), done, 15);
                d(id, new ResultDeliveredEvent(id, DeliveryMethod.POST, "EMS", "回执", false, true, done, done), done, 16);
                d(id, new DelegationEvaluatedEvent(id, 1, SatisfactionGrade.DISSATISFIED, SatisfactionGrade.DISSATISFIED,
                        SatisfactionGrade.DISSATISFIED, SatisfactionGrade.DISSATISFIED, EvaluationChannel.DEVICE, "慢",
                        done.plusDays(1)), done.plusDays(1), 9);
                d(id, new RectificationRequiredEvent(id, 1, SatisfactionGrade.DISSATISFIED, done.plusDays(8)),
                        done.plusDays(1), 10);
                switch (random.nextInt(4)) {
                    case 0 -> d(id, new RectificationOverdueEvent(id, done.plusDays(8)), done.plusDays(9), 0);
                    case 1 -> d(id, new RectificationCompletedEvent(id, "整改", done.plusDays(5), true),
                            done.plusDays(5), 10);
                    case 2 -> d(id, new EvaluationVoidedEvent(id, 1, "误操作"), done.plusDays(3), 10);
                    default -> { }
                }
                return false;
            }
            case 6 -> { // reassigned, transferred to another window, categories changed, home visits; still handling
                d(id, new AgentReassignedEvent(id, AGENT, OTHER_AGENT, "请假"), day.plusDays(1), 9);
                d(id, new DelegationTransferredEvent(id, "W1", "W2", "分流"), day.plusDays(1), 10);
                d(id, new ClientCategoriesChangedEvent(id, Set.of(), categories(random), "核实", day.plusDays(1)),
                        day.plusDays(1), 11);
                homeVisit(id, day.plusDays(2), random.nextBoolean());
                if (random.nextBoolean()) {
                    // Agreed again: the arrival is cleared until the next one, which may fall in another month.
                    homeVisit(id, day.plusDays(25), random.nextBoolean());
                }
                return true;
            }
            default -> { // at risk, then overdue (the sweeps' flags), a home visit late; still handling
                homeVisit(id, day.plusDays(1), true);
                d(id, new DeadlineApproachingEvent(id, deadline, 1), deadline.minusDays(1), 0);
                d(id, new DelegationOverdueEvent(id, deadline), deadline.plusDays(1), 0);
                return true;
            }
        }
    }

    void awaitProjected() {
        long expected = appended;
        String[] ids = delegations.stream().map(DelegationId::value).toArray(String[]::new);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from delegation_step where delegation_id = any(?)", Long.class, (Object) ids))
                .isEqualTo(expected));
        // The stations the roll-ups read, from their own group.
        ProjectionsAtHead.await(jdbc, "stations", "delegations");
    }

    // -------------------------------------------------------------------------------- the reference recount

    /** The dashboard's delegation figures counted over delegation_view, with the SQL it used before the counters. */
    Map<String, Object> recount(String station, boolean rollUp, LocalDate from, LocalDate to, LocalDate today) {
        ScopeSql s = ScopeSql.of(station, rollUp);
        List<Object> args = new ArrayList<>(s.args());
        Date t = Date.valueOf(today);
        Date f = Date.valueOf(from);
        Date u = Date.valueOf(to);
        args.addAll(List.of(t, t, t, t, f, u, f, u, f, u, f, u));
        Map<String, Object> counts = jdbc.queryForMap(s.cte() + """
                        select
                          count(*) filter (where received_on = ? and not declined) as intake,
                          count(*) filter (where received_on = ? and declined) as declined,
                          count(*) filter (where completed_on = ? and received_on = ?) as same_day,
                          count(*) filter (where completed_on between ? and ?) as completed,
                          count(*) filter (where completed_on between ? and ? and on_time) as on_time,
                          avg(handling_working_days) filter (where completed_on between ? and ?) as avg_handling,
                          coalesce(sum(breaches) filter (where received_on between ? and ?), 0) as breaches,
                          count(*) filter (where rectification_status in ('OPEN', 'OVERDUE')) as rectifications
                        from delegation_view d where\s""" + s.on("d.station_code"), args.toArray());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("intake", ((Number) counts.get("intake")).longValue());
        figures.put("declined", ((Number) counts.get("declined")).longValue());
        figures.put("sameDay", ((Number) counts.get("same_day")).longValue());
        figures.put("completed", ((Number) counts.get("completed")).longValue());
        figures.put("onTime", ((Number) counts.get("on_time")).longValue());
        Object avg = counts.get("avg_handling");
        figures.put("averageHandling", avg == null ? null : Math.round(((Number) avg).doubleValue() * 100) / 100.0);
        figures.put("breaches", ((Number) counts.get("breaches")).longValue());
        // Each breach listed for supervision once: every request after the first on a matter is one.
        figures.put("breachesListed", ((Number) counts.get("breaches")).longValue());
        figures.put("rectifications", ((Number) counts.get("rectifications")).longValue());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        List.of("HANDLING", "AWAITING_SUPPLEMENT", "ESCALATED", "SUSPENDED").forEach(st -> byStatus.put(st, 0L));
        jdbc.query(s.cte() + "select status, count(*) from delegation_view d where " + s.on("d.station_code")
                        + " and status in ('HANDLING', 'AWAITING_SUPPLEMENT', 'ESCALATED', 'SUSPENDED') group by status",
                rs -> {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                }, s.args().toArray());
        figures.put("openByStatus", byStatus);
        List<Object> ledgerArgs = new ArrayList<>(s.args());
        ledgerArgs.add(f);
        ledgerArgs.add(u);
        figures.put("ledgerTotal", jdbc.queryForObject(s.cte() + "select count(*) from delegation_view d where "
                + s.on("d.station_code") + " and d.received_on between ? and ?", Long.class, ledgerArgs.toArray()));
        Object[] period = ledgerArgs.toArray();
        Map<String, Long> awaitingArchive = new LinkedHashMap<>();
        List.of("DELIVERED", "TERMINATED", "DECLINED").forEach(st -> awaitingArchive.put(st, 0L));
        jdbc.query(s.cte() + "select status, count(*) from delegation_view d where " + s.on("d.station_code")
                        + " and (status in ('DELIVERED', 'TERMINATED')"
                        + " or status = 'DECLINED' and materials_handed_back_on is not null) group by status",
                rs -> {
                    awaitingArchive.put(rs.getString(1), rs.getLong(2));
                }, s.args().toArray());
        figures.put("awaitingArchive", awaitingArchive);
        figures.put("archived", jdbc.queryForObject(s.cte() + "select count(*) from delegation_view d where archived_on "
                + "between ? and ? and " + s.on("d.station_code"), Long.class, period));
        Map<String, Object> received = jdbc.queryForMap(s.cte() + """
                        select count(*) filter (where not declined) as intake, count(*) filter (where declined) as declined
                        from delegation_view d where received_on between ? and ? and\s""" + s.on("d.station_code"),
                period);
        figures.put("intakeInPeriod", ((Number) received.get("intake")).longValue());
        figures.put("declinedInPeriod", ((Number) received.get("declined")).longValue());
        Map<String, Long> satisfaction = new LinkedHashMap<>();
        for (SatisfactionGrade grade : SatisfactionGrade.values()) {
            satisfaction.put(grade.name(), 0L);
        }
        jdbc.query(s.cte() + "select overall, count(*) from evaluation_view e where "
                + "not voided and evaluated_on between ? and ? and " + s.on("e.station_code") + " group by overall",
                rs -> {
                    satisfaction.put(rs.getString(1), rs.getLong(2));
                }, period);
        figures.put("satisfaction", satisfaction);
        Map<String, Long> byCategory = new java.util.TreeMap<>();
        jdbc.query(s.cte() + "select c, count(*) from delegation_view d, unnest(d.client_categories) c "
                        + "where not declined and received_on between ? and ? and " + s.on("d.station_code")
                        + " group by c",
                rs -> {
                    byCategory.put(rs.getString(1), rs.getLong(2));
                }, period);
        figures.put("byCategory", byCategory);
        Map<String, Object> visits = jdbc.queryForMap(s.cte() + """
                        select count(*) as made, count(*) filter (where home_visit_late) as late
                        from delegation_view d where home_visit_arrived_on between ? and ? and\s"""
                + s.on("d.station_code"), period);
        figures.put("homeVisits", ((Number) visits.get("made")).longValue());
        figures.put("lateHomeVisits", ((Number) visits.get("late")).longValue());
        return figures;
    }

    /** The same figures as the application answers them now. */
    Map<String, Object> answered(String station, boolean rollUp, LocalDate from, LocalDate to, LocalDate today) {
        StationDashboardResponse r = dashboards.handle(new FetchStationDashboardQuery(
                new Scope(station, rollUp, from, to), today));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("intake", r.todaysIntake());
        figures.put("declined", r.todaysDeclined());
        figures.put("sameDay", r.todaysSameDayCompletions());
        figures.put("completed", r.completed());
        figures.put("onTime", r.completedOnTime());
        figures.put("averageHandling", r.averageHandlingWorkingDays());
        figures.put("breaches", r.oneTimeNoticeBreaches());
        figures.put("breachesListed", (long) breachList.handle(new FetchOneTimeNoticeBreachesQuery(station, rollUp,
                from, to, FetchOneTimeNoticeBreachesQuery.MAX_LIMIT)).breaches().size());
        figures.put("rectifications", r.openRectifications());
        figures.put("openByStatus", r.openByStatus());
        figures.put("ledgerTotal", ledger.handle(new FetchWorkLedgerQuery(new LedgerFilter(station, rollUp, null,
                from, to, null, null, null, null, false), 0, 10)).totalRows());
        figures.put("awaitingArchive", r.awaitingArchive());
        figures.put("archived", r.archived());
        figures.put("intakeInPeriod", r.intake());
        figures.put("declinedInPeriod", r.declined());
        figures.put("satisfaction", r.satisfaction());
        figures.put("byCategory", r.intakeByClientCategory());
        figures.put("homeVisits", r.homeVisits());
        figures.put("lateHomeVisits", r.lateHomeVisits());
        return figures;
    }

    /** Whole months only, edge days only, both, across a year's end; "todays" with intake, completions, none. */
    long compareEverywhere() {
        List<LocalDate[]> periods = List.of(
                new LocalDate[]{LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)},
                new LocalDate[]{LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 20)},
                new LocalDate[]{LocalDate.of(2026, 10, 20), LocalDate.of(2026, 12, 10)},
                new LocalDate[]{LocalDate.of(2026, 10, 1), LocalDate.of(2027, 1, 31)},
                new LocalDate[]{LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 2)},
                new LocalDate[]{LocalDate.of(2025, 1, 1), LocalDate.of(2029, 12, 31)});
        List<LocalDate> todays = List.of(FIRST, FIRST.plusDays(3), LocalDate.of(2026, 11, 2),
                LocalDate.of(2026, 11, 17), LocalDate.of(2026, 12, 1), LocalDate.of(2027, 3, 1));
        long compared = 0;
        long nonZero = 0;
        Set<String> counted = new java.util.HashSet<>();
        for (String station : STATIONS) {
            for (boolean rollUp : List.of(false, true)) {
                for (int i = 0; i < periods.size(); i++) {
                    LocalDate today = todays.get(i);
                    LocalDate[] period = periods.get(i);
                    Map<String, Object> expected = recount(station, rollUp, period[0], period[1], today);
                    assertThat(answered(station, rollUp, period[0], period[1], today))
                            .as("%s rollUp=%s %s..%s today %s", station, rollUp, period[0], period[1], today)
                            .isEqualTo(expected);
                    compared++;
                    nonZero += expected.values().stream().filter(v -> v instanceof Long n && n > 0).count();
                    expected.forEach((figure, value) -> {
                        if (value instanceof Long n && n > 0 || value instanceof Map<?, ?> m
                                && m.values().stream().anyMatch(v -> ((Long) v) > 0)) {
                            counted.add(figure);
                        }
                    });
                }
            }
        }
        // The comparison is only worth something if the history gave the figures something to count: each of them.
        assertThat(nonZero).isGreaterThan(compared);
        // (Same-day completions are not required: they count only on the few "todays" compared.)
        assertThat(counted).as("figures counted somewhere").containsAll(List.of("intake", "declined",
                "completed", "onTime", "breaches", "openByStatus", "ledgerTotal", "awaitingArchive", "archived",
                "satisfaction", "byCategory", "homeVisits", "lateHomeVisits"));
        return compared;
    }

    /**
     * The ledger's total under each filter alone, without dates (and a register's, with its kind alone), as the
     * application answers it (from delegation_facet_figure, V165) against a count of the rows: per station and rolled
     * up, for every value this test's matters have under each filter.
     */
    void compareFacetTotals() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("window", "window_name");
        columns.put("status", "status");
        columns.put("item", "item_code");
        columns.put("agent", "agent_id");
        columns.put("kind", "kind");
        Set<String> counted = new java.util.HashSet<>();
        for (String station : STATIONS) {
            for (boolean rollUp : List.of(false, true)) {
                ScopeSql scope = ScopeSql.of(station, rollUp);
                Map<String, Long> expected = new java.util.TreeMap<>();
                Map<String, Long> answered = new java.util.TreeMap<>();
                columns.forEach((facet, column) -> {
                    for (String value : jdbc.queryForList("select distinct " + column + " from delegation_view "
                            + "where station_code in (?, ?, ?, ?) and " + column + " is not null", String.class,
                            C, T, V1, V2)) {
                        List<Object> args = new ArrayList<>(scope.args());
                        args.add(value);
                        long rows = jdbc.queryForObject(scope.cte() + "select count(*) from delegation_view d where "
                                + scope.on("d.station_code") + " and d." + column + " = ?", Long.class, args.toArray());
                        expected.put(facet + "=" + value, rows);
                        if (rows > 0) {
                            counted.add(facet);
                        }
                        LedgerFilter filter = new LedgerFilter(station, rollUp,
                                facet.equals("window") ? value : null, null, null,
                                facet.equals("status") ? DelegationStatus.valueOf(value) : null,
                                facet.equals("item") ? value : null, facet.equals("agent") ? value : null,
                                facet.equals("kind") ? DelegationKind.valueOf(value) : null, false);
                        answered.put(facet + "=" + value, ledger.handle(new FetchWorkLedgerQuery(filter, 0, 10))
                                .totalRows());
                        if (facet.equals("kind")) {
                            expected.put("register " + value, rows);
                            answered.put("register " + value, ledger.handle(
                                    new cn.daiban.kernel.ledger.FetchRegisterQuery(filter, 0, 10)).totalRows());
                        }
                    }
                });
                assertThat(answered).as("%s rollUp=%s", station, rollUp).isEqualTo(expected);
            }
        }
        assertThat(counted).as("filters with matters somewhere").containsExactlyInAnyOrderElementsOf(columns.keySet());
    }

    /** What the counter tables say for this test's stations, summed over the shards, leaving out what adds to 0. */
    List<String> counters(String schema) {
        List<String> rows = new ArrayList<>();
        Object[] stations = {C, T, V1, V2};
        jdbc.query("select station_code, grain, period_start, sum(archived), sum(home_visits), sum(home_visits_late), "
                        + "sum(grade_very_satisfied), sum(grade_satisfied), sum(grade_basically_satisfied), "
                        + "sum(grade_dissatisfied), sum(grade_very_dissatisfied) from " + schema + ".delegation_figure "
                        + "where station_code in (?, ?, ?, ?) group by 1, 2, 3 having sum(archived) <> 0 "
                        + "or sum(home_visits) <> 0 or sum(home_visits_late) <> 0 or sum(grade_very_satisfied) <> 0 "
                        + "or sum(grade_satisfied) <> 0 or sum(grade_basically_satisfied) <> 0 "
                        + "or sum(grade_dissatisfied) <> 0 or sum(grade_very_dissatisfied) <> 0 order by 1, 2, 3",
                rs -> {
                    StringBuilder row = new StringBuilder("dated");
                    for (int i = 1; i <= 11; i++) {
                        row.append(' ').append(rs.getString(i));
                    }
                    rows.add(row.toString());
                }, stations);
        jdbc.query("select station_code, sum(awaiting_archive_delivered), sum(awaiting_archive_terminated), "
                        + "sum(awaiting_archive_declined) from " + schema + ".delegation_open_figure "
                        + "where station_code in (?, ?, ?, ?) group by 1 having sum(awaiting_archive_delivered) <> 0 "
                        + "or sum(awaiting_archive_terminated) <> 0 or sum(awaiting_archive_declined) <> 0 order by 1",
                rs -> {
                    rows.add("awaiting " + rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " "
                            + rs.getLong(4));
                }, stations);
        jdbc.query("select station_code, grain, period_start, category, sum(matters) from " + schema
                        + ".delegation_category_figure where station_code in (?, ?, ?, ?) group by 1, 2, 3, 4 "
                        + "having sum(matters) <> 0 order by 1, 2, 3, 4",
                rs -> {
                    rows.add("category " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                            + rs.getString(4) + " " + rs.getLong(5));
                }, stations);
        jdbc.query("select facet, value, station_code, sum(matters) from " + schema + ".delegation_facet_figure "
                        + "where station_code in (?, ?, ?, ?) group by 1, 2, 3 having sum(matters) <> 0 order by 1, 2, 3",
                rs -> {
                    rows.add("facet " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " "
                            + rs.getLong(4));
                }, stations);
        return rows;
    }

    /**
     * The migration's backfill (V161), run on empty copies of the counter tables in a transaction rolled back,
     * gives what the projection's counters say: an upgraded database shows the same dashboard before a rebuild.
     */
    void backfillEqualsTheCounters() throws Exception {
        String backfill = new String(new org.springframework.core.io.ClassPathResource(
                "db/migration/V161__dashboard_counters_backfill.sql").getInputStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8) + ";\n" + new String(new org.springframework.core.io
                .ClassPathResource("db/migration/V166__ledger_facet_counters_backfill.sql").getInputStream()
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        List<String> kept = counters("query_side");
        assertThat(kept).anyMatch(r -> r.startsWith("awaiting")).anyMatch(r -> r.startsWith("category"))
                .anyMatch(r -> r.startsWith("dated")).anyMatch(r -> r.startsWith("facet"));
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            for (String table : List.of("delegation_figure", "delegation_open_figure", "delegation_category_figure",
                    "delegation_facet_figure")) {
                jdbc.execute("create temporary table " + table + " (like query_side." + table
                        + " including all) on commit drop");
            }
            jdbc.execute("discard plans");
            for (String statement : backfill.split(";\\s*\\n")) {
                if (!statement.lines().allMatch(line -> line.isBlank() || line.startsWith("--"))) {
                    jdbc.execute(statement);
                }
            }
            assertThat(counters("pg_temp")).as("the backfill against the projection's counters")
                    .containsExactlyElementsOf(kept);
            tx.setRollbackOnly();
        });
    }

    /**
     * What a dashboard request still reads row by row, the flagged open matters, it reads through the partial indexes
     * over open flagged matters (V162), per station and rolled up: their size is what is open and flagged, not the
     * county's history. (Sequential scans are ruled out here, since this test's few rows would make one cheapest;
     * what is checked is that the indexes apply to the dashboard's conditions as written.) The view is analysed first,
     * as autovacuum keeps it: the plan is chosen on statistics, which no other test must be relied on to refresh (a
     * rebuild analyses only a table it rewrote much of).
     */
    @Test
    void theFlagListsReadTheIndexesOfOpenFlaggedMattersOnly() {
        jdbc.execute("analyze delegation_view");
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.execute("set local enable_seqscan = off");
            for (boolean rollUp : List.of(false, true)) {
                ScopeSql scope = ScopeSql.of(V1, rollUp);
                assertThat(plan(DashboardQueries.flagsSql(scope))).as("flags, rollUp=%s", rollUp)
                        .contains("delegation_view_open_flags");
                assertThat(plan(DashboardQueries.lateVisitsSql(scope))).as("late visits, rollUp=%s", rollUp)
                        .contains("delegation_view_open_late_visits");
                // Matters whose transfers were refused (V168), for the flag and the assessment, as their statements
                // are run: prepared, so the threshold and the days are parameters, which prove nothing about the
                // index's condition.
                assertThat(genericPlan(PendingTransfers.refusedFlagsSql(scope), List.of(V1, 2)))
                        .as("refused transfers, rollUp=%s", rollUp).contains("delegation_view_refused_transfers");
                // Matters awaiting delivery, counted and listed from the COMPLETED entries of the status index.
                assertThat(plan(AwaitingDelivery.countSql(scope))).as("awaiting delivery, rollUp=%s", rollUp)
                        .contains("delegation_view_status_station");
                assertThat(plan(AwaitingDelivery.flagsSql(scope), List.of(V1, "2026-11-27")))
                        .as("late deliveries, rollUp=%s", rollUp)
                        .contains("delegation_view_status_station");
                // Proxies in hand whose client has not heard for a while, from the status index's open entries.
                assertThat(plan(ProgressReports.flagsSql(scope), List.of(V1, "2026-11-27")))
                        .as("progress reports, rollUp=%s", rollUp).contains("delegation_view_status_station");
                for (var level : List.of(cn.daiban.kernel.dashboard.FetchQuarterlyAssessmentQuery.Level.STATION,
                        cn.daiban.kernel.dashboard.FetchQuarterlyAssessmentQuery.Level.ZONE)) {
                    assertThat(genericPlan(AssessmentQueries.refusalsSql(scope, level),
                            List.of(V1, "2026-10-01", "2026-12-31")))
                            .as("refusals counted, %s, rollUp=%s", level, rollUp)
                            .contains("delegation_view_refused_transfers");
                }
            }
        });
    }

    /** The generic plan of {@code sql} (as a prepared statement reused many times gets it) for these arguments. */
    String genericPlan(String sql, List<Object> args) {
        StringBuilder numbered = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            numbered.append(c == '?' ? "$" + ++next : String.valueOf(c));
        }
        assertThat(next).as("parameters").isEqualTo(args.size());
        jdbc.execute("set local plan_cache_mode = force_generic_plan");
        jdbc.execute("prepare generic_plan as " + numbered);
        try {
            return String.join("\n", jdbc.queryForList("explain execute generic_plan(" + String.join(", ",
                    args.stream().map(a -> "'" + a + "'").toList()) + ")", String.class));
        } finally {
            jdbc.execute("deallocate generic_plan");
        }
    }

    /**
     * The ledger's total under each filter the ledger offers (window, status, item, agent; kind for the registers),
     * per station and rolled up, is counted from that filter's index alone (an index-only scan, V163): before, the
     * filter's index lacked the station, so the count read each matching row from the table. The view is vacuumed
     * first, as autovacuum keeps it, so an index-only scan reads no rows; sequential and bitmap scans are ruled out,
     * since this test's few rows would make one cheapest. A plain index scan, which reads the rows, stays allowed:
     * it is what a filter whose index lacks the station gets, and would fail the test. (The total under one filter
     * alone, without dates, is read from counters since V165, {@link #compareFacetTotals}; this count is what the
     * ledger runs when the filter comes with dates, another filter or a category, and its first step, the filter's
     * matches at the scope's stations, is what is checked here.)
     */
    @Test
    void eachLedgerFilterIsCountedFromItsIndexAlone() {
        Map<String, java.util.function.BiFunction<String, Boolean, LedgerFilter>> filters = new LinkedHashMap<>();
        filters.put("delegation_view_window_station", (station, rollUp) -> new LedgerFilter(station, rollUp, "Z1",
                null, null, null, null, null, null, false));
        filters.put("delegation_view_status_station", (station, rollUp) -> new LedgerFilter(station, rollUp, null,
                null, null, DelegationStatus.HANDLING, null, null, null, false));
        filters.put("delegation_view_item_station", (station, rollUp) -> new LedgerFilter(station, rollUp, null,
                null, null, null, "RS-001", null, null, false));
        filters.put("delegation_view_agent_station", (station, rollUp) -> new LedgerFilter(station, rollUp, null,
                null, null, null, null, AGENT.value(), null, false));
        filters.put("delegation_view_kind_station", (station, rollUp) -> new LedgerFilter(station, rollUp, null,
                null, null, null, null, null, DelegationKind.PROXY, false));
        jdbc.execute("vacuum (analyze) delegation_view");
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.execute("set local enable_seqscan = off");
            jdbc.execute("set local enable_bitmapscan = off");
            filters.forEach((index, filter) -> {
                for (boolean rollUp : List.of(false, true)) {
                    LedgerQueries.Where where = LedgerQueries.where(filter.apply(V1, rollUp));
                    assertThat(plan(where.countSql(), where.args())).as("%s, rollUp=%s", index, rollUp)
                            .contains("Index Only Scan using " + index + " on delegation_view d");
                }
            });
        });
    }

    /**
     * A ledger or register page, newest or oldest first, for one station or rolled up, is the first rows of an index
     * in the page's order, read forwards or backwards (V164): the order's tie-break is in the index, so no matters
     * received at the same moment are sorted first (at 1 M matters with ties, 478 ms against 0.6). Sorting is ruled
     * out as far as the planner can (and sequential and bitmap scans, as above): a plan that still sorts by the
     * received time has no index in that order, and fails the test. A page under an item reads the item's own
     * order (V167).
     */
    @Test
    void eachLedgerPageIsReadInItsOrderFromAnIndex() {
        jdbc.execute("vacuum (analyze) delegation_view");
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.execute("set local enable_seqscan = off");
            jdbc.execute("set local enable_bitmapscan = off");
            jdbc.execute("set local enable_sort = off");
            jdbc.execute("set local enable_incremental_sort = off");
            for (DelegationKind kind : java.util.Arrays.asList(null, DelegationKind.PROXY)) {
                for (boolean rollUp : List.of(false, true)) {
                    for (boolean oldestFirst : List.of(false, true)) {
                        LedgerQueries.Where where = LedgerQueries.where(new LedgerFilter(V1, rollUp, null, null, null,
                                null, null, null, kind, oldestFirst));
                        List<Object> args = new java.util.ArrayList<>(where.args());
                        args.add(50);
                        args.add(0);
                        assertThat(plan(where.pageSql(), args))
                                .as("kind=%s, rollUp=%s, oldestFirst=%s", kind, rollUp, oldestFirst)
                                .containsPattern("Index Scan (Backward )?using delegation_view_(station_|kind_)?"
                                        + "received_order on delegation_view d")
                                .doesNotContain("Sort Key: d.received_at");
                    }
                }
            }
            // Under an item, its own order (V167): an item few or no recent matters have (a rare or retired one) is
            // not looked for by walking every newer matter of the others.
            for (boolean rollUp : List.of(false, true)) {
                for (boolean oldestFirst : List.of(false, true)) {
                    LedgerQueries.Where where = LedgerQueries.where(new LedgerFilter(V1, rollUp, null, null, null,
                            null, "XX-999", null, null, oldestFirst));
                    List<Object> args = new java.util.ArrayList<>(where.args());
                    args.add(50);
                    args.add(0);
                    assertThat(plan(where.pageSql(), args)).as("item, rollUp=%s, oldestFirst=%s", rollUp, oldestFirst)
                            .containsPattern("Index Scan (Backward )?using delegation_view_item_received_order on "
                                    + "delegation_view d")
                            .doesNotContain("Sort Key: d.received_at");
                }
            }
        });
    }

    /** The plan of {@code sql} with its arguments written in as literals, in order. */
    String plan(String sql, List<Object> args) {
        StringBuilder written = new StringBuilder();
        int next = 0;
        for (char c : sql.toCharArray()) {
            written.append(c == '?' ? "'" + args.get(next++) + "'" : String.valueOf(c));
        }
        assertThat(next).as("arguments written in").isEqualTo(args.size());
        return String.join("\n", jdbc.queryForList("explain " + written, String.class));
    }

    String plan(String sql) {
        // The scope's one parameter (the station) written in, so the statement can be explained as it stands.
        return String.join("\n", jdbc.queryForList("explain " + sql.replace("?", "'" + V1 + "'"), String.class));
    }

    @Test
    void countersEqualARecountThroughChangesAndARebuild() throws Exception {
        station(C, StationLevel.COUNTY_CENTRE, null);
        station(T, StationLevel.TOWNSHIP_CENTRE, C);
        station(V1, StationLevel.VILLAGE_STATION, T);
        station(V2, StationLevel.VILLAGE_STATION, T);
        Random random = new Random(20261124L);
        for (int i = 0; i < 120; i++) {
            String station = STATIONS.get(random.nextInt(STATIONS.size()));
            LocalDate day = FIRST.plusDays(random.nextInt(60));
            int path = i % 8;
            if (history(random, station, day, path)) {
                open.put(delegations.get(delegations.size() - 1), station);
            }
        }
        awaitProjected();
        // Every path's figures are there to compare.
        assertThat(jdbc.queryForObject("select count(distinct status) from delegation_view where station_code in (?, ?, ?, ?)",
                Integer.class, C, T, V1, V2)).isGreaterThanOrEqualTo(8);
        compareEverywhere();
        compareFacetTotals();
        // The breaches listed for supervision say what was asked for again, and why (this history's second requests).
        List<OneTimeNoticeBreachesResponse.Row> listed = breachList.handle(new FetchOneTimeNoticeBreachesQuery(C,
                true, null, null, FetchOneTimeNoticeBreachesQuery.MAX_LIMIT)).breaches();
        assertThat(listed).isNotEmpty().allSatisfy(row -> {
            assertThat(row.requestNumber()).isEqualTo(2);
            assertThat(row.justification()).isEqualTo("新增");
            assertThat(row.materials()).isNotEmpty();
            assertThat(row.requestedOn()).isAfter(row.receivedOn().minusDays(1));
            assertThat(row.itemName()).isNotBlank();
        });

        // Status changes of matters already counted: the open ones are completed (then delivered, graded, some
        // graded again or voided), suspended or terminated (then some handed back and archived); some change
        // their client categories or get a home visit first.
        LocalDate later = LocalDate.of(2026, 12, 20);
        int n = 0;
        for (Map.Entry<DelegationId, String> o : open.entrySet()) {
            DelegationId id = o.getKey();
            if (n % 4 == 1) {
                d(id, new ClientCategoriesChangedEvent(id, Set.of(), categories(random), "复核", later.minusDays(1)),
                        later.minusDays(1), 9);
            }
            if (n % 5 == 2) {
                homeVisit(id, later.minusDays(1), n % 2 == 0);
            }
            if (n % 6 == 3) { // an assisted matter turned into a proxy (a proxy's conversion changes nothing)
                d(id, new AssistConvertedToProxyEvent(id, new Client(ClientKind.CITIZEN, "王秀英", null, null,
                        PhoneNumber.of("13912345678"), null), AcceptanceFormNumber.of(StationCode.of(o.getValue()),
                        later.minusDays(1), 900 + n), new NeedsAnalysis(Difficulty.MEDIUM, 3, List.of("代办"), true),
                        OTHER_AGENT, true, List.of(), "0351-1234567"), later.minusDays(1), 8);
            }
            switch (n++ % 3) {
                case 0 -> {
                    d(id, new DelegationCompletedEvent(id, true, "补办", null, later, later, n % 2 == 0, 3), later, 10);
                    d(id, new ResultDeliveredEvent(id, DeliveryMethod.IN_PERSON, null, "签收", false, false, later,
                            later), later, 11);
                    if (random.nextBoolean()) {
                        evaluated(id, 1, grade(random), later.plusDays(12));
                        switch (random.nextInt(3)) {
                            case 0 -> evaluated(id, 2, grade(random), later.plusDays(13));
                            case 1 -> d(id, new EvaluationVoidedEvent(id, 1, "重复"), later.plusDays(13), 10);
                            default -> { }
                        }
                    }
                }
                case 1 -> d(id, new DelegationSuspendedEvent(id, SuspensionReason.CLIENT_REQUEST, "外出", later,
                        later.plusDays(30)), later, 10);
                default -> {
                    d(id, new DelegationTerminatedEvent(id, TerminationReason.CLIENT_WITHDREW, null, later), later, 11);
                    if (random.nextBoolean()) {
                        d(id, new MaterialsHandedBackEvent(id, List.of("户口簿"), true, null, later), later, 12);
                        d(id, new DelegationArchivedEvent(id, "归档-" + id.value(), List.of("终止单"),
                                later.plusDays(12)), later.plusDays(12), 9);
                    }
                }
            }
        }
        awaitProjected();
        compareEverywhere();
        compareFacetTotals();
        backfillEqualsTheCounters();

        // The counters are the rebuild's too: wiped here, a rebuild of the group brings them back from the events.
        jdbc.update("delete from delegation_figure where station_code in (?, ?, ?, ?)", C, T, V1, V2);
        jdbc.update("delete from delegation_open_figure where station_code in (?, ?, ?, ?)", C, T, V1, V2);
        jdbc.update("delete from delegation_category_figure where station_code in (?, ?, ?, ?)", C, T, V1, V2);
        jdbc.update("delete from delegation_facet_figure where station_code in (?, ?, ?, ?)", C, T, V1, V2);
        // The totals under one filter are the counters' (not a count of the rows): with the counters gone, none.
        assertThat(ledger.handle(new FetchWorkLedgerQuery(new LedgerFilter(C, true, null, null, null, null, "RS-001",
                null, null, false), 0, 10)).totalRows()).isZero();
        assertThat(answered(C, true, LocalDate.of(2026, 10, 1), LocalDate.of(2027, 1, 31), later))
                .isNotEqualTo(recount(C, true, LocalDate.of(2026, 10, 1), LocalDate.of(2027, 1, 31), later));
        JsonNode rebuilt = Rebuilds.rebuild(http, json, "delegations", Duration.ofSeconds(120));
        assertThat(rebuilt.get("state").asText()).as("%s", rebuilt).isEqualTo("SWITCHED");
        compareEverywhere();
        compareFacetTotals();
    }
}
