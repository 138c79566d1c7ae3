package cn.daiban.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A village proxy that needs county authority, from consultation to archive, over HTTP against PostgreSQL; then
 * the stored event stream read back from the event store: every step, in order, with actor and station.
 */
@ExtendWith(Backend.class)
@org.junit.jupiter.api.Order(4)
class VillageProxyEndToEndIT {

    static final String REAL_ESTATE = "ZR-001";

    static Scenario scenario;
    static String county;
    static String township;
    static String village;

    static String command(String path) {
        return Scenario.command(path);
    }

    static String query(String path) {
        return Scenario.query(path);
    }

    @BeforeAll
    static void stationsAndCalendar() {
        scenario = Scenario.hierarchy(List.of(REAL_ESTATE, "RS-001"));
        county = scenario.county;
        township = scenario.township;
        village = scenario.village;
    }

    static String qualifiedAgent(String name, String role) {
        return scenario.qualifiedAgent(name, role);
    }

    @Test
    void villageProxyNeedingCountyAuthorityRunsFromConsultationToArchive() {
        String agent = qualifiedAgent("赵红", "AGENT");
        String leader = qualifiedAgent("钱队长", "ZONE_LEAD");
        Http villageAgent = Http.as(agent, village, "AGENT");
        Http countyClerk = Http.as("county-clerk-07", county);

        // Consultation (咨询), not answered at once.
        String consultation = villageAgent.post(command("/api/consultations"), Map.of("stationCode", village,
                "agentId", agent, "visitorName", "王秀英", "contact", "13912345678", "channel", "VISIT",
                "content", "父亲去世后房产过户怎么办理？")).expect(201).json().get("id").asText();

        // Commissioning a proxy (委托受理) linked to the consultation.
        Map<String, Object> commission = new java.util.HashMap<>();
        commission.put("kind", "PROXY");
        commission.put("mode", "HOME_VISIT");
        // A home visit needs the time agreed with the client and the address (000 §7.2.2 b, 003 附件3 六5).
        commission.put("homeVisit", Map.of("agreedAt", java.time.Instant.now().plus(java.time.Duration.ofDays(1))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), "address", "郑庄村东街12号"));
        commission.put("stationCode", village);
        commission.put("agentId", agent);
        commission.put("itemCode", REAL_ESTATE);
        commission.put("client", Map.of("kind", "CITIZEN", "name", "王秀英", "residentId", "11010519491231002X",
                "phone", "13912345678"));
        commission.put("consentGiven", true);
        commission.put("needsAnalysis", Map.of("difficulty", "HIGH", "estimatedWorkingDays", 10,
                "steps", List.of("核对继承材料", "扫描上传县不动产登记中心", "领证送达"), "confirmedByClient", true));
        commission.put("teamLeaderId", leader);
        commission.put("applicantSigned", true);
        commission.put("notes", List.of("请保持电话畅通"));
        commission.put("consultationId", consultation);
        String delegation = villageAgent.post(command("/api/delegations"), commission).expect(201).json()
                .get("id").asText();
        String base = "/api/delegations/" + delegation;

        String form = Http.admin().get(command(base + "/documents/acceptance-form")).expect(200).body();
        assertThat(form).contains("存根联").contains("回执联").contains(village + "-").contains("0356-7022345");

        // One-time notice of missing materials, then the materials.
        villageAgent.post(command(base + "/supplement-requests"), Map.of("materials", List.of(
                Map.of("name", "继承权公证书", "howToObtain", "沁水县公证处"),
                Map.of("name", "死亡证明", "howToObtain", "户籍所在地派出所")), "dueDate", Scenario.TODAY.plusDays(5).toString()))
                .expect(200);
        assertThat(Http.admin().get(command(base + "/documents/supplement-notice")).expect(200).body())
                .contains("继承权公证书").contains("死亡证明");
        villageAgent.post(command(base + "/supplement-receipt"), Map.of()).expect(200);

        // The work log (工作日志): a problem left open, then the contact with the department that resolved it; a
        // second resolution of it is refused with the rule's name, on either engine.
        villageAgent.post(command(base + "/work-log"), Map.of("kind", "PROBLEM", "summary", "继承人之一在外地无法到场",
                "analysis", "需办理委托公证")).expect(200);
        Map<String, Object> resolving = Map.of("kind", "COORDINATION", "summary", "与县不动产登记中心确认委托公证可用",
                "department", "县不动产登记中心", "resolution", "外地继承人办理委托公证后由代办员提交", "resolves", 1);
        villageAgent.post(command(base + "/work-log"), resolving).expect(200);
        assertThat(villageAgent.post(command(base + "/work-log"), resolving).expect(422).json().get("rule").asText())
                .isEqualTo("work-log-resolves-an-open-problem");

        // Escalation to the county, its decision, the result back to the village.
        villageAgent.post(command(base + "/escalations"), Map.of("targetStationCode", county,
                "uploadedMaterialRefs", List.of("scan/" + delegation + "/1.pdf"), "note", "材料已扫描上传")).expect(200);
        countyClerk.post(command(base + "/escalations/1/decision"), Map.of("approved", true,
                "certificateNumber", "晋(2026)沁水县不动产权第0012345号")).expect(200);
        countyClerk.post(command(base + "/escalations/1/return"), Map.of()).expect(200);

        // Statutory fee told, then paid with a receipt; the service itself is free.
        villageAgent.post(command(base + "/fees/notification"), Map.of("feeName", "代办服务费")).expect(422);
        villageAgent.post(command(base + "/fees/notification"), Map.of("feeName", "不动产登记费（住宅）")).expect(200);
        villageAgent.post(command(base + "/fees/payment"), Map.of("feeName", "不动产登记费（住宅）", "amountFen", 8000,
                "receiptNumber", "FS-2026-0001234")).expect(200);

        // Completion, delivery by post, evaluation, archive — in that order.
        villageAgent.post(command(base + "/archive"), Map.of("archiveReference", "DA-1", "documents", List.of("受理单")))
                .expect(409);
        villageAgent.post(command(base + "/completion"), Map.of("successful", true,
                "resultReference", "晋(2026)沁水县不动产权第0012345号")).expect(200);
        villageAgent.post(command(base + "/delivery"), Map.of("method", "POST", "trackingNumber", "EMS1234567890CN",
                "handoverProof", "邮政签收回执")).expect(200);
        Http.as("evaluation-device", village).post(command(base + "/evaluation"), Map.of("overall", "VERY_SATISFIED",
                "attitude", "VERY_SATISFIED", "quality", "SATISFIED", "efficiency", "SATISFIED",
                "channel", "PHONE_FOLLOW_UP", "comment", "送证上门，很方便")).expect(200);
        Http.as(agent, village).post(command(base + "/archive"), Map.of("archiveReference", "DA-2026-000123",
                "documents", List.of("受理单", "一次性告知单", "办结单"))).expect(200);
        assertThat(Http.admin().get(command(base + "/documents/closing-notice")).expect(200).body())
                .contains("已办结").contains("按时办结");
        assertThat(villageAgent.post(command(base + "/work-log"), Map.of("kind", "TRACKING", "summary", "归档后补记"))
                .expect(409).json().get("rule").asText()).isEqualTo("work-log-until-archived");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode log = Http.admin().get(query("/api/work-log?station=" + village)).expect(200).json().get("rows");
            assertThat(log.findValuesAsText("summary")).containsExactly("与县不动产登记中心确认委托公证可用",
                    "继承人之一在外地无法到场");
            assertThat(log.get(1).get("open").asBoolean()).isFalse();
            assertThat(log.get(1).get("resolvedBy").asInt()).isEqualTo(2);
        });

        // The agent's workload followed the matter and went back to zero when it completed.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Http.admin()
                .get(query("/api/agents/" + agent)).expect(200).json().get("activeWorkload").asInt()).isZero());

        // The stored stream, straight from the event store: every step, in order, with actor and station.
        JsonNode entries = Http.admin().get(query("/api/audit/streams/" + delegation + "?size=100")).expect(200)
                .json().get("entries");
        List<String> steps = new ArrayList<>();
        entries.forEach(entry -> steps.add(entry.get("eventType").asText() + "|" + entry.get("actorId").asText()
                + "|" + entry.get("stationCode").asText()));
        assertThat(steps).containsExactly(
                "DelegationCommissionedEvent|" + agent + "|" + village,
                "SupplementRequestedEvent|" + agent + "|" + village,
                "SupplementReceivedEvent|" + agent + "|" + village,
                "WorkLogEntryRecordedEvent|" + agent + "|" + village,
                "WorkLogEntryRecordedEvent|" + agent + "|" + village,
                "DelegationEscalatedEvent|" + agent + "|" + village,
                "UpperLevelDecisionRecordedEvent|county-clerk-07|" + county,
                "ResultReturnedEvent|county-clerk-07|" + county,
                "StatutoryFeeNotifiedEvent|" + agent + "|" + village,
                "StatutoryFeePaidEvent|" + agent + "|" + village,
                "DelegationCompletedEvent|" + agent + "|" + village,
                "ResultDeliveredEvent|" + agent + "|" + village,
                "DelegationEvaluatedEvent|evaluation-device|" + village,
                "DelegationArchivedEvent|" + agent + "|" + village);
        entries.forEach(entry -> assertThat(entry.get("correlationId").asText()).isNotBlank());

        JsonNode consultationStream = Http.admin().get(query("/api/audit/streams/" + consultation)).expect(200)
                .json().get("entries");
        assertThat(consultationStream.findValuesAsText("eventType"))
                .containsExactly("ConsultationRecordedEvent", "ConsultationConvertedEvent");

        assertThat(Http.admin().get(query("/api/audit/verification?aggregateId=" + delegation)).expect(200).json()
                .get("intact").asBoolean()).isTrue();

    }

    @Test
    void refusedCommissioningLeavesNothingBehind() {
        String agent = qualifiedAgent("孙丽", "AGENT");
        Map<String, Object> commission = new java.util.HashMap<>();
        commission.put("kind", "PROXY");
        commission.put("mode", "ON_SITE");
        commission.put("stationCode", village);
        commission.put("agentId", agent);
        commission.put("itemCode", REAL_ESTATE);
        commission.put("client", Map.of("kind", "CITIZEN", "name", "李四", "phone", "13912345678"));
        commission.put("consentGiven", true);
        Http.Answer refused = Http.as(agent, village).post(command("/api/delegations"), commission);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("field").asText()).isEqualTo("client.residentId");

        commission.put("client", Map.of("kind", "CITIZEN", "name", "李四", "residentId", "110105194912310021",
                "phone", "13912345678"));
        Http.Answer invalid = Http.as(agent, village).post(command("/api/delegations"), commission);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("field").asText()).isEqualTo("client.residentId");
    }

    /**
     * 001 §6.4.2 (对未代办成功的事项…协助重新办理), on either engine: a matter that failed is applied for again naming it
     * (the earlier matter read from its own events), the failed one lists it; naming a matter still in hand is refused
     * with the rule's name.
     */
    @Test
    void aFailedMatterIsAppliedForAgainAndListsTheReapplication() {
        String agent = qualifiedAgent("周敏", "AGENT");
        Http villageAgent = Http.as(agent, village);
        Map<String, Object> commission = new java.util.HashMap<>(Map.of("kind", "ASSIST", "mode", "ON_SITE",
                "stationCode", village, "agentId", agent, "itemCode", "RS-001", "consentGiven", true,
                "client", Map.of("kind", "CITIZEN", "name", "吴芳", "phone", "13912345670")));
        String failed = villageAgent.post(command("/api/delegations"), commission).expect(201).json().get("id").asText();
        villageAgent.post(command("/api/delegations/" + failed + "/completion"), Map.of("successful", false,
                "failureReason", "缴费年限不足")).expect(200);
        commission.put("previousDelegationId", failed);
        String again = villageAgent.post(command("/api/delegations"), commission).expect(201).json().get("id").asText();
        commission.put("previousDelegationId", again);
        assertThat(villageAgent.post(command("/api/delegations"), commission).expect(422).json().get("rule").asText())
                .isEqualTo("reapplies-an-unsuccessful-matter");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Http.admin()
                .get(query("/api/delegations/" + failed)).expect(200).json().get("reapplications")
                .findValuesAsText("delegationId")).containsExactly(again));
    }

    /**
     * 留存待领, on either engine: a completed matter whose client cannot be reached is kept for collection, a second
     * time refused by the rule's name, and archived without a grade; the detail shows where it is kept.
     */
    @Test
    void aResultThatCannotBeHandedOverIsKeptAndTheMatterArchived() {
        String agent = qualifiedAgent("郑洁", "AGENT");
        Http villageAgent = Http.as(agent, village);
        String id = villageAgent.post(command("/api/delegations"), Map.of("kind", "ASSIST", "mode", "ON_SITE",
                "stationCode", village, "agentId", agent, "itemCode", "RS-001", "consentGiven", true,
                "client", Map.of("kind", "CITIZEN", "name", "冯刚", "phone", "13912345671"))).expect(201).json()
                .get("id").asText();
        villageAgent.post(command("/api/delegations/" + id + "/completion"), Map.of("successful", true,
                "resultReference", "已参保")).expect(200);
        Map<String, Object> hold = Map.of("attempts", java.util.List.of(Map.of("at", java.time.Instant.now()
                .toString(), "channel", "PHONE", "outcome", "电话无人接听")), "keptAt", "村便民服务站档案柜");
        villageAgent.post(command("/api/delegations/" + id + "/result-held"), hold).expect(200);
        assertThat(villageAgent.post(command("/api/delegations/" + id + "/result-held"), hold).expect(409).json()
                .get("rule").asText()).isEqualTo("result-held-once");
        villageAgent.post(command("/api/delegations/" + id + "/archive"), Map.of("archiveReference", "DA-2026-9001",
                "documents", java.util.List.of("受理单", "办结单"))).expect(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var detail = Http.admin().get(query("/api/delegations/" + id)).expect(200).json();
            assertThat(detail.get("status").asText()).isEqualTo("ARCHIVED");
            assertThat(detail.path("details").path("resultHeld").path("keptAt").asText()).isEqualTo("村便民服务站档案柜");
        });
    }

    /**
     * 004 附录A on either engine: a partner outlet applied for without its site conditions is refused by the rule's
     * name and field (carried across Axon Server in the refusal's details); stated and met, it is recorded and its
     * application history shows them.
     */
    @Test
    void aPartnerOutletAppliesWithItsSiteConditions() {
        Http townshipManager = Http.as("head-01", township);
        String outlet = township + "B1";
        Map<String, Object> opening = new java.util.HashMap<>(Map.of("stationCode", outlet, "name", "邮储银行网点",
                "level", "PARTNER_OUTLET", "parentCode", township, "hostType", "BANK", "region", outlet.substring(0, 6),
                "address", "镇中心街8号", "manager", Map.of("name", "刘洋", "phone", "13712345678"),
                "supervisionPhone", "0356-7023456"));
        var refused = townshipManager.post(command("/api/stations"), opening).expect(422).json();
        assertThat(refused.get("rule").asText()).isEqualTo("opening-conditions-stated");
        assertThat(refused.get("field").asText()).isEqualTo("siteConditions");
        opening.put("siteConditions", Map.of("applicant", "中国邮政储蓄银行沁水县支行", "footTraffic", "日均约300人次",
                "staffCount", 2, "equipment", List.of("OFFICE_PHONE", "COMPUTER", "PRINTER", "DESK_AND_CHAIRS",
                        "FILE_CABINET"), "spaciousAndBright", true, "hostStable", true));
        townshipManager.post(command("/api/stations"), opening).expect(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Http.admin()
                .get(query("/api/stations/" + outlet + "/applications")).expect(200).json().get("applications").get(0)
                .path("siteConditions").path("staffCount").asInt()).isEqualTo(2));
    }

    /**
     * 001 §7.1.2 (群众高频次的办事需求), on either engine: a consultation names the matter asked about, an item the
     * catalogue does not know is refused by the rule's name and field (across Axon Server too), and supervision reads
     * the matters asked, the one in the visitor's words as not offered at the village.
     */
    @Test
    void theMattersAskedAboutAreReadAsDemand() {
        Http villageAgent = Http.as(qualifiedAgent("孙梅", "AGENT"), village, "AGENT");
        Map<String, Object> asked = new java.util.HashMap<>(Map.of("stationCode", village, "visitorName", "李大爷",
                "contact", "13812345678", "channel", "VISIT", "content", "这个能在村里办吗？"));
        asked.put("itemCode", "XX-999");
        JsonNode refused = villageAgent.post(command("/api/consultations"), asked).expect(422).json();
        assertThat(refused.get("rule").asText()).isEqualTo("reference-exists");
        assertThat(refused.get("field").asText()).isEqualTo("itemCode");
        asked.put("itemCode", REAL_ESTATE);
        villageAgent.post(command("/api/consultations"), asked).expect(201);
        asked.remove("itemCode");
        asked.put("itemAsked", "老年人优待证");
        villageAgent.post(command("/api/consultations"), asked).expect(201);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode demand = Http.admin().get(query("/api/supervision/demand?station=" + village + "&rollUp=false"))
                    .expect(200).json();
            JsonNode words = null;
            JsonNode item = null;
            for (JsonNode row : demand.get("items")) {
                if ("老年人优待证".equals(row.path("itemName").asText())) {
                    words = row;
                } else if (REAL_ESTATE.equals(row.path("itemCode").asText())) {
                    item = row;
                }
            }
            assertThat(words).as(demand.toString()).isNotNull();
            assertThat(words.get("notOffered").asInt()).isEqualTo(words.get("asked").asInt());
            assertThat(words.get("stationsNotOffering").get(0).asText()).isEqualTo(village);
            assertThat(item).as(demand.toString()).isNotNull();
            assertThat(item.get("notOffered").asInt()).isZero();
        });
        // Not answered at once: each reply is due one working day after the consultation (004 §6.3.3.1.3), forwarded
        // or not, and the consultation record says so.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode record = Http.admin().get(query("/api/consultations?station=" + village + "&size=100")).expect(200)
                    .json().get("rows");
            int pending = 0;
            for (JsonNode row : record) {
                if ("这个能在村里办吗？".equals(row.path("content").asText())) {
                    pending++;
                    assertThat(java.time.LocalDate.parse(row.get("replyDue").asText()))
                            .isAfter(java.time.LocalDate.parse(row.get("date").asText()));
                }
            }
            assertThat(pending).as(record.toString()).isEqualTo(2);
        });
    }
}
