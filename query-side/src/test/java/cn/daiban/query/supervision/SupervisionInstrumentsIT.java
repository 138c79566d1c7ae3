package cn.daiban.query.supervision;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemWithdrawnEvent;
import cn.daiban.kernel.catalogue.ServiceItemPublishedEvent;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.consultation.ConsultationChannel;
import cn.daiban.kernel.consultation.ConsultationConvertedEvent;
import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.consultation.ConsultationRecordedEvent;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervision unit's own instruments, read from events appended to the store as the command side writes them:
 * the re-check of rectifications (复查, `000 §8.2.2`, `004 §7.2.2` 督促、跟踪、复查) and ledger completeness
 * (`004 §6.2.4`, the columns of `004 附录D`).
 */
class SupervisionInstrumentsIT extends PostgresIntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    ServiceClock clock;

    final Map<String, Long> sequences = new HashMap<>();

    static String newStation() {
        return "1496" + ThreadLocalRandom.current().nextInt(100000, 999999);
    }

    void append(String type, String aggregateId, Object payload, Instant at) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, "agent-1"), UUID.randomUUID().toString(), at));
    }

    void station(String code) {
        opened(code, "东村便民服务站", StationLevel.VILLAGE_STATION, null, Set.of(), 60);
    }

    /** A station opened {@code daysAgo} days ago, under {@code parent} (null for none), listing {@code items}. */
    void opened(String code, String name, StationLevel level, String parent, Set<String> items, int daysAgo) {
        StationManager manager = new StationManager("张伟", PhoneNumber.of("13812345678"));
        Instant at = clock.startOf(clock.today().minusDays(daysAgo));
        append("Station", code, new StationOpeningRequestedEvent(StationCode.of(code), name, level,
                parent == null ? null : StationCode.of(parent), null, RegionCode.of("149900"), "地址", manager,
                PhoneNumber.of("0356-7022345"), List.of(), items), at);
        append("Station", code, new StationOpeningApprovedEvent(StationCode.of(code), null, null), at.plusSeconds(60));
    }

    Instant daysAgo(int days) {
        return clock.startOf(clock.today().minusDays(days)).plus(Duration.ofHours(10));
    }

    DelegationId commissioned(String station, int daysAgo) {
        DelegationId id = DelegationId.create();
        LocalDate on = clock.today().minusDays(daysAgo);
        append("Delegation", id.value(), TestEvents.commissioned(id, DelegationKind.ASSIST, StationCode.of(station),
                null, on, on.plusDays(7)), daysAgo(daysAgo));
        return id;
    }

    /** A poor grade opened a rectification {@code daysAgo} days ago, due five days later. */
    DelegationId poorlyGraded(String station, int daysAgo) {
        DelegationId id = commissioned(station, daysAgo + 1);
        append("Delegation", id.value(), new RectificationRequiredEvent(id, 1, SatisfactionGrade.DISSATISFIED,
                clock.today().minusDays(daysAgo).plusDays(5)), daysAgo(daysAgo));
        return id;
    }

    void then(DelegationId id, Object event, int daysAgo) {
        append("Delegation", id.value(), event, daysAgo(daysAgo));
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    /**
     * 复查 (`000 §8.2.2`; `004 §7.2.2` 督促、跟踪、复查; `003 四(三)`): the station's "done" awaits supervision's re-check
     * and stays on the list; only an accepted re-check closes it; one sent back is open again with its new due date;
     * a completion recorded before re-checks existed still reads as closed. The list is oldest first, with the age.
     */
    @Test
    void recheckBySupervision_rectificationsListedOldestFirstWithTheirAge() throws Exception {
        String station = newStation();
        station(station);
        DelegationId open = poorlyGraded(station, 10);
        DelegationId awaiting = poorlyGraded(station, 3);
        then(awaiting, new RectificationAwaitingRecheckEvent(awaiting, "开展培训", clock.today().minusDays(1), true), 1);
        DelegationId accepted = poorlyGraded(station, 20);
        then(accepted, new RectificationAwaitingRecheckEvent(accepted, "开展培训", clock.today().minusDays(18), true), 18);
        then(accepted, new RectificationAcceptedEvent(accepted, "supervisor-a", "复查属实",
                clock.today().minusDays(17), true), 17);
        DelegationId sentBack = poorlyGraded(station, 5);
        LocalDate newDue = clock.today().plusDays(4);
        then(sentBack, new RectificationAwaitingRecheckEvent(sentBack, "开展培训", clock.today().minusDays(4), true), 4);
        then(sentBack, new RectificationSentBackEvent(sentBack, "supervisor-a", "培训记录不全",
                clock.today().minusDays(2), newDue), 2);
        DelegationId legacy = poorlyGraded(station, 30);
        then(legacy, new RectificationCompletedEvent(legacy, "加强培训", clock.today().minusDays(28), false), 28);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode list = get("/api/supervision/rectifications?station=" + station);
            List<String> ids = new ArrayList<>();
            list.get("rectifications").forEach(row -> ids.add(row.get("delegationId").asText()));
            assertThat(ids).containsExactly(open.value(), sentBack.value(), awaiting.value());
            assertThat(list.get("count").asInt()).isEqualTo(3);
            JsonNode first = list.get("rectifications").get(0);
            assertThat(first.get("ageDays").asInt()).isEqualTo(10);
            assertThat(first.get("status").asText()).isEqualTo("OPEN");
            JsonNode second = list.get("rectifications").get(1);
            assertThat(second.get("status").asText()).isEqualTo("OPEN");
            assertThat(second.get("dueDate").asText()).isEqualTo(newDue.toString());
            assertThat(second.get("ageDays").asInt()).isEqualTo(5);
            assertThat(list.get("rectifications").get(2).get("status").asText()).isEqualTo("AWAITING_RECHECK");

            JsonNode closed = get("/api/supervision/rectifications?station=" + station + "&status=DONE");
            assertThat(closed.get("count").asInt()).isEqualTo(1);
            assertThat(closed.get("rectifications").get(0).get("delegationId").asText()).isEqualTo(accepted.value());
            JsonNode late = get("/api/supervision/rectifications?station=" + station + "&status=LATE");
            assertThat(late.get("rectifications").get(0).get("delegationId").asText()).isEqualTo(legacy.value());

            JsonNode detail = get("/api/delegations/" + accepted);
            assertThat(detail.get("rectificationStatus").asText()).isEqualTo("DONE");
            assertThat(detail.path("details").path("recheck").path("by").asText()).isEqualTo("supervisor-a");
            assertThat(get("/api/delegations/" + awaiting).get("rectificationStatus").asText())
                    .isEqualTo("AWAITING_RECHECK");
            assertThat(get("/api/delegations/" + sentBack).path("details").path("recheck").path("reason").asText())
                    .isEqualTo("培训记录不全");
        });
        ResponseEntity<String> bad = http.getForEntity("/api/supervision/rectifications?station=" + station
                + "&status=FIXED", String.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(bad.getBody()).get("field").asText()).isEqualTo("status");
    }

    /**
     * Ledger completeness (`004 §6.2.4`; the columns of `004 附录D` 工作台账): a matter whose row was written without the
     * client's phone (联系方式) and the item's department (事项所属) is listed with exactly those headings; a complete row
     * is not; the period is the day received.
     */
    @Test
    void ledgerCompleteness_listsTheRowMissingARequiredColumnAndNotTheCompleteOne() throws Exception {
        String station = newStation();
        station(station);
        DelegationId complete = commissioned(station, 2);
        DelegationId incomplete = DelegationId.create();
        LocalDate on = clock.today().minusDays(2);
        append("Delegation", incomplete.value(), new DelegationCommissionedEvent(incomplete, DelegationKind.ASSIST,
                ServiceMode.ON_SITE, StationCode.of(station), null, AgentId.create(), ServiceItemCode.of("RS-001"), 1,
                "城乡居民养老保险参保登记", null, Set.of(StationLevel.VILLAGE_STATION), List.of(),
                new Client(ClientKind.CITIZEN, "李四", null, null, null, null), null, null, List.of(), List.of(), null,
                true, List.of(), "0356-7022345", false, false, on, 5, on.plusDays(7), null, null, null, null, null,
                null, null, null, null, null), daysAgo(2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/api/delegations/" + complete).get("status").asText()).isNotBlank();
            JsonNode check = get("/api/supervision/ledger-completeness?station=" + station + "&from=" + on
                    + "&to=" + on);
            assertThat(check.get("count").asInt()).as(check.toString()).isEqualTo(1);
            JsonNode row = check.get("rows").get(0);
            assertThat(row.get("delegationId").asText()).isEqualTo(incomplete.value());
            List<String> missing = new ArrayList<>();
            row.get("missing").forEach(m -> missing.add(m.asText()));
            assertThat(missing).containsExactlyInAnyOrder("事项所属", "联系方式");
        });
        JsonNode before = get("/api/supervision/ledger-completeness?station=" + station + "&to=" + on.minusDays(1));
        assertThat(before.get("count").asInt()).isZero();
        ResponseEntity<String> bad = http.getForEntity("/api/supervision/ledger-completeness?station=" + station
                + "&from=" + on + "&to=" + on.minusDays(1), String.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(bad.getBody()).get("field").asText()).isEqualTo("to");
    }

    /**
     * Refusals (不予受理) in the ledger (`004 附录D` 窗口, 事项所属, 申请事项, 受理与否 = 否): one of a catalogue item shows its
     * window and department; one of a matter the catalogue has no item for shows the client's words and is not listed
     * as incomplete for the department nobody can know. Before, every refusal missed 事项所属 and was listed.
     */
    @Test
    void ledgerCompleteness_aRefusalCarriesItsWindowAndDepartmentOrTheClientsWords() throws Exception {
        String station = newStation();
        station(station);
        LocalDate on = clock.today().minusDays(1);
        DelegationId ofAnItem = DelegationId.create();
        DelegationId notInTheCatalogue = DelegationId.create();
        Client client = new Client(ClientKind.CITIZEN, "李四", null, null, PhoneNumber.of("13912345678"), null);
        append("Delegation", ofAnItem.value(), new DelegationDeclinedEvent(ofAnItem, DelegationKind.ASSIST,
                StationCode.of(station), AgentId.create(), ServiceItemCode.of("RS-001"), "城乡居民养老保险参保登记", client,
                "已参保，无需重复登记", on, "赵红", "W1", "人社"), daysAgo(1));
        append("Delegation", notInTheCatalogue.value(), new DelegationDeclinedEvent(notInTheCatalogue,
                DelegationKind.ASSIST, StationCode.of(station), AgentId.create(), null, "出国签证", client,
                "不属于本站帮办代办范围", on, "赵红", null, null), daysAgo(1));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode rows = get("/api/ledger?station=" + station).get("rows");
            assertThat(rows).hasSize(2);
            for (JsonNode row : rows) {
                if (row.get("delegationId").asText().equals(ofAnItem.value())) {
                    assertThat(row.get("window").asText()).isEqualTo("W1");
                    assertThat(row.get("department").asText()).isEqualTo("人社");
                } else {
                    assertThat(row.get("itemName").asText()).isEqualTo("出国签证");
                }
            }
        });
        // The station's name (便民服务站名称) comes with the stations' own projection: waited for, as the rows are.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode check = get("/api/supervision/ledger-completeness?station=" + station);
            assertThat(check.get("count").asInt()).as(check.toString()).isZero();
        });
    }

    /** 跟踪服务 (`002 一站式办理`: 办理完结后…提供跟踪服务): a follow-up contact shows in the matter's detail and steps. */
    @Test
    void followUpUntilArchived_contactShownInTheDelegationDetail() throws Exception {
        String station = newStation();
        station(station);
        DelegationId id = commissioned(station, 3);
        Instant at = daysAgo(1);
        then(id, new FollowUpContactRecordedEvent(id, 1, "agent-1", at, ProgressChannel.SMS, "提醒领取证照"), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode detail = get("/api/delegations/" + id);
            JsonNode contact = detail.path("details").path("followUpContact:1");
            assertThat(contact.path("channel").asText()).as(detail.toString()).isEqualTo("SMS");
            assertThat(contact.path("summary").asText()).isEqualTo("提醒领取证照");
            assertThat(contact.path("by").asText()).isEqualTo("agent-1");
            List<String> steps = new ArrayList<>();
            detail.get("steps").forEach(step -> steps.add(step.get("eventType").asText()));
            assertThat(steps).contains("FollowUpContactRecordedEvent");
        });
    }

    ServiceItemDefinition item(String name, String conditions, List<String> process, String legalBasis) {
        return new ServiceItemDefinition(name, "人社", Set.of(StationLevel.VILLAGE_STATION),
                List.of(new RequiredMaterial("身份证", "本人携带", true)), 5, List.of(), false, false, conditions,
                process, legalBasis);
    }

    /**
     * 信息公开透明度 (`004 §6.2.2`): of the items a station lists, those the public guide shows whole (published, with
     * conditions, its own process and legal basis) count; a withdrawn item, a code the catalogue lacks and an item
     * missing parts are listed with what they miss; the zone's rate sums its stations', and a station listing nothing
     * has no rate.
     */
    @Test
    void openness_countsTheItemsThePublicGuideShowsWholeAndNamesWhatTheOthersMiss() throws Exception {
        String suffix = String.valueOf(ThreadLocalRandom.current().nextInt(100000, 999999));
        String whole = "OP-WHOLE-" + suffix, partial = "OP-PART-" + suffix, withdrawn = "OP-GONE-" + suffix,
                unknown = "OP-NONE-" + suffix;
        append("ServiceItem", whole, new ServiceItemPublishedEvent(ServiceItemCode.of(whole), 1,
                item("公开完整的事项", "本县户籍居民", List.of("提交材料", "审核", "领取"), "《社会保险法》第十条"), false),
                daysAgo(30));
        append("ServiceItem", partial, new ServiceItemPublishedEvent(ServiceItemCode.of(partial), 1,
                item("缺条件和依据的事项", null, List.of("提交材料", "领取"), " "), false), daysAgo(30));
        append("ServiceItem", withdrawn, new ServiceItemPublishedEvent(ServiceItemCode.of(withdrawn), 1,
                item("已撤回的事项", "条件", List.of("办理"), "依据"), false), daysAgo(30));
        append("ServiceItem", withdrawn, new ServiceItemWithdrawnEvent(ServiceItemCode.of(withdrawn), 2, "职能调整"),
                daysAgo(20));
        String zone = newStation(), village = newStation(), empty = newStation();
        opened(zone, "镇便民服务中心", StationLevel.TOWNSHIP_CENTRE, null, Set.of(whole), 60);
        opened(village, "西村便民服务站", StationLevel.VILLAGE_STATION, zone, Set.of(whole, partial, withdrawn, unknown),
                60);
        opened(empty, "北村便民服务站", StationLevel.VILLAGE_STATION, zone, Set.of(), 60);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode zoneView = get("/api/supervision/openness?station=" + zone);
            assertThat(zoneView.get("stations")).as(zoneView.toString()).hasSize(3);
            assertThat(zoneView.get("items").asInt()).isEqualTo(5);
            assertThat(zoneView.get("fullyPublic").asInt()).isEqualTo(2);
            assertThat(zoneView.get("rate").asDouble()).isEqualTo(0.4);
            Map<String, JsonNode> byStation = new HashMap<>();
            zoneView.get("stations").forEach(row -> byStation.put(row.get("stationCode").asText(), row));
            assertThat(byStation.get(zone).get("rate").asDouble()).isEqualTo(1.0);
            assertThat(byStation.get(zone).get("gaps")).isEmpty();
            assertThat(byStation.get(empty).get("items").asInt()).isZero();
            assertThat(byStation.get(empty).hasNonNull("rate")).isFalse();
            JsonNode villageRow = byStation.get(village);
            assertThat(villageRow.get("items").asInt()).isEqualTo(4);
            assertThat(villageRow.get("fullyPublic").asInt()).isEqualTo(1);
            assertThat(villageRow.get("rate").asDouble()).isEqualTo(0.25);
            Map<String, List<String>> missing = new HashMap<>();
            villageRow.get("gaps").forEach(gap -> {
                List<String> parts = new ArrayList<>();
                gap.get("missing").forEach(part -> parts.add(part.asText()));
                missing.put(gap.get("itemCode").asText(), parts);
            });
            assertThat(missing).containsOnlyKeys(partial, withdrawn, unknown);
            assertThat(missing.get(partial)).containsExactly("申请条件", "设定依据");
            assertThat(missing.get(withdrawn)).containsExactly("事项未发布");
            assertThat(missing.get(unknown)).containsExactly("事项未发布");
        });
        JsonNode alone = get("/api/supervision/openness?station=" + zone + "&rollUp=false");
        assertThat(alone.get("stations")).hasSize(1);
        assertThat(alone.get("rate").asDouble()).isEqualTo(1.0);
    }

    /** A consultation at {@code station}, {@code daysAgo} days ago, asking about {@code item} or {@code words}. */
    ConsultationId consulted(String station, int daysAgo, String item, String words, Boolean offeredHere) {
        ConsultationId id = ConsultationId.create();
        append("Consultation", id.value(), new ConsultationRecordedEvent(id, StationCode.of(station), null, "访客",
                PhoneNumber.of("13912345678"), ConsultationChannel.VISIT, "怎么办理？",
                clock.today().minusDays(daysAgo), item == null ? null : ServiceItemCode.of(item), words, offeredHere),
                daysAgo(daysAgo));
        return id;
    }

    /**
     * 群众高频次的办事需求 (`001 §7.1.2`): the matters consultations asked about, most asked first, with how often where
     * the station's list did not offer them, where, and how often a matter was commissioned from them; the visitor's
     * words are one matter whatever their spacing; consultations naming no matter are counted apart; the period is the
     * 90 days to today unless given.
     */
    @Test
    void demand_listsTheMattersAskedMostFirstWithWhereTheyWereNotOffered() throws Exception {
        String suffix = String.valueOf(ThreadLocalRandom.current().nextInt(100000, 999999));
        String allowance = "DM-" + suffix;
        append("ServiceItem", allowance, new ServiceItemPublishedEvent(ServiceItemCode.of(allowance), 1,
                item("高龄津贴申领", "本县户籍80周岁以上老人", List.of("申请", "审核", "发放"), "《山西省高龄津贴管理办法》"),
                false), daysAgo(120));
        String zone = newStation(), village = newStation();
        opened(zone, "镇便民服务中心", StationLevel.TOWNSHIP_CENTRE, null, Set.of(allowance), 300);
        opened(village, "南村便民服务站", StationLevel.VILLAGE_STATION, zone, Set.of(), 300);
        consulted(village, 3, allowance, null, false);
        consulted(village, 10, allowance, "给老人办津贴", false);
        ConsultationId converted = consulted(village, 40, allowance, null, false);
        append("Consultation", converted.value(), new ConsultationConvertedEvent(converted, DelegationId.create()),
                daysAgo(40));
        consulted(zone, 5, allowance, null, true);
        consulted(village, 6, null, "  老年人  优待证 ", false);
        consulted(village, 8, null, "老年人 优待证", false);
        consulted(village, 2, null, null, null);
        consulted(village, 200, allowance, null, false);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode all = get("/api/supervision/demand?station=" + zone);
            assertThat(all.get("from").asText()).isEqualTo(clock.today().minusDays(89).toString());
            assertThat(all.get("to").asText()).isEqualTo(clock.today().toString());
            assertThat(all.get("consultations").asLong()).as(all.toString()).isEqualTo(7);
            assertThat(all.get("namingAMatter").asLong()).isEqualTo(6);
            assertThat(all.get("items")).hasSize(2);
            JsonNode first = all.get("items").get(0);
            assertThat(first.get("itemCode").asText()).isEqualTo(allowance);
            assertThat(first.get("itemName").asText()).isEqualTo("高龄津贴申领");
            assertThat(first.get("asked").asLong()).isEqualTo(4);
            assertThat(first.get("notOffered").asLong()).isEqualTo(3);
            assertThat(first.get("stationsNotOffering")).hasSize(1);
            assertThat(first.get("stationsNotOffering").get(0).asText()).isEqualTo(village);
            assertThat(first.get("commissioned").asLong()).isEqualTo(1);
            JsonNode second = all.get("items").get(1);
            assertThat(second.hasNonNull("itemCode")).isFalse();
            assertThat(second.get("itemName").asText()).isEqualTo("老年人 优待证");
            assertThat(second.get("asked").asLong()).isEqualTo(2);
            assertThat(second.get("notOffered").asLong()).isEqualTo(2);
            assertThat(second.get("commissioned").asLong()).isZero();
            JsonNode longer = get("/api/supervision/demand?station=" + zone + "&from="
                    + clock.today().minusDays(365) + "&to=" + clock.today());
            assertThat(longer.get("items").get(0).get("asked").asLong()).as(longer.toString()).isEqualTo(5);
        });
        JsonNode alone = get("/api/supervision/demand?station=" + zone + "&rollUp=false");
        assertThat(alone.get("consultations").asLong()).isEqualTo(1);
        assertThat(alone.get("items")).hasSize(1);
        assertThat(alone.get("items").get(0).get("notOffered").asLong()).isZero();
        assertThat(alone.get("items").get(0).get("stationsNotOffering")).isEmpty();
        ResponseEntity<String> backwards = http.getForEntity("/api/supervision/demand?station=" + zone + "&from="
                + clock.today() + "&to=" + clock.today().minusDays(1), String.class);
        assertThat(backwards.getStatusCode().value()).as(backwards.getBody()).isEqualTo(400);
        assertThat(backwards.getBody()).contains("\"to\"");
    }
}
