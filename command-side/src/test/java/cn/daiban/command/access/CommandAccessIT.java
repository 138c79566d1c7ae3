package cn.daiban.command.access;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side's access matrix: every endpoint × role × own / other station, answered 401, 403 or let through
 * to the command as designed (then whatever the command answers — 200, or 409/422 when its state forbids it —
 * but never 401 or 403). County A holds township TA with villages V1 and V2; county B holds township TB with village
 * W1. The users: an agent and the manager of V1, the manager of TA, a supervisor of county A, an administrator, and
 * nobody. "Own" is V1 and what belongs to it; "other" is V2's for the village's staff (the neighbouring village)
 * and W1's for everyone else (another county). A refused request leaves no event behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandAccessIT extends PostgresIntegrationTest {

    enum User { NOBODY, AG, MG, MTA, SA, AD }

    record Target(String station, String parent, String agent, String delegation, String consultation,
                  String complaint, String booking) {
    }

    /** @param own users let through on V1's; @param other users let through on V2's / W1's */
    record Endpoint(String path, String body, Set<User> own, Set<User> other) {
    }

    static final String ITEM = "RS-001";
    static final String COUNTY_CODES = String.valueOf(ThreadLocalRandom.current().nextInt(10, 99));
    static final String A = "1477" + COUNTY_CODES + "000", TA = A + "1", V1 = TA + "01", V2 = TA + "02";
    static final String B = "1478" + COUNTY_CODES + "000", TB = B + "1", W1 = TB + "01";
    static final String QX = "QX-" + COUNTY_CODES;
    /**
     * The year the calendar cases revise (2000–2018; the year after it is loaded too): a past one, so the shared
     * database gains no year beyond the shipped ones, which would make next year a gap rather than a year still to
     * be published (every class's working-day arithmetic reaching into it would then be refused).
     */
    static final int YEAR = 2000 + ThreadLocalRandom.current().nextInt(0, 19);

    @Autowired
    TestRestTemplate http;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    Target own;
    Target neighbour;
    Target otherCounty;
    LocalDate bookingDay;

    static Set<User> users(String names) {
        return names.isBlank() ? Set.of() : Arrays.stream(names.split(" ")).map(User::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(User.class)));
    }

    static Endpoint e(String path, String body, String own, String other) {
        return new Endpoint(path, body, users(own), users(other));
    }

    static final String CLIENT = """
            "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"}""";
    static final String OPENING = """
            {"stationCode":"{new}","name":"新村便民服务站","level":"VILLAGE_STATION","parentCode":"{parent}",
             "region":"{region}","address":"新村","manager":{"name":"张伟","phone":"13812345678"},
             "supervisionPhone":"0356-7022345","serviceItemCodes":["RS-001"]}""";
    static final String DEFINITION = """
            {"name":"测试事项","department":"民政","authorityLevels":["VILLAGE_STATION"],
             "materials":[{"name":"居民身份证","howToObtain":"本人携带原件","essential":true}],
             "timeLimitWorkingDays":5,"fees":[],"touchesPrivacy":false,"onlineAvailable":false}""";

    static List<Endpoint> endpoints() {
        return List.of(
                // stations
                e("/api/stations", OPENING, "MTA AD", "AD"),
                e("/api/stations/{s}/opening/approval", "{}", "MTA AD", "AD"),
                e("/api/stations/{s}/opening/refusal", "{\"reason\":\"材料不全\"}", "MTA AD", "AD"),
                e("/api/stations/{s}/changes", "{\"manager\":{\"name\":\"赵敏\",\"phone\":\"13700001111\"},\"reason\":\"调任\"}", "MG", ""),
                e("/api/stations/{s}/changes/" + UUID.randomUUID() + "/approval", "{}", "MTA AD", "AD"),
                e("/api/stations/{s}/changes/" + UUID.randomUUID() + "/refusal", "{\"reason\":\"不同意\"}", "MTA AD", "AD"),
                e("/api/stations/{s}/closure", "{\"reason\":\"撤并\"}", "MG", ""),
                e("/api/stations/{s}/closure/approval", "{}", "MTA AD", "AD"),
                e("/api/stations/{s}/closure/refusal", "{\"reason\":\"不同意\"}", "MTA AD", "AD"),
                e("/api/stations/{s}/statistics", "{\"period\":\"2026-11\",\"figures\":{\"intake\":3}}", "MG", ""),
                // 003 四(三) 通报: supervision over the station, or an administrator (assessment-published-by-supervision)
                e("/api/assessments/quarterly/publications", "{\"station\":\"{s}\",\"year\":2020,\"quarter\":1}", "SA AD", "AD"),
                e("/api/stations/{s}/booking-schedule", "{\"windows\":[{\"from\":\"09:00\",\"to\":\"12:00\",\"slotMinutes\":30,\"capacity\":2,\"extendedHours\":false}],\"homeVisits\":false}", "MG", ""),
                // agents
                e("/api/agents", "{\"stationCode\":\"{s}\",\"name\":\"钱多\",\"phone\":\"13700002222\",\"background\":\"PARTY_MEMBER\",\"role\":\"AGENT\",\"intakeExperienceSince\":\"2024-01-01\"}", "MG", ""),
                e("/api/agents/{a}/trainings", "{\"date\":\"2026-11-01\",\"topic\":\"一次性告知\",\"hours\":2}", "MG", ""),
                e("/api/agents/{a}/assessments", "{\"date\":\"2026-11-01\",\"passed\":true,\"examiner\":\"县中心\"}", "MG", ""),
                e("/api/agents/{a}/role", "{\"role\":\"ZONE_LEAD\",\"reason\":\"任命\"}", "MG", ""),
                e("/api/agents/{a}/post", "{\"post\":\"STATION\",\"fullTime\":true,\"reason\":\"专职\"}", "MG", ""),
                e("/api/agents/{a}/transfer", "{\"toStationCode\":\"{s}\",\"reason\":\"调动\"}", "MG", ""),
                e("/api/agents/{a}/deactivation", "{\"reason\":\"离岗\"}", "MG", ""),
                e("/api/agents/{a}/reactivation", "{\"reason\":\"返岗\"}", "MG", ""),
                // catalogue and calendar
                e("/api/catalogue/items", "{\"code\":\"QY-" + COUNTY_CODES + "\",\"definition\":" + DEFINITION + "}", "AD", "AD"),
                e("/api/catalogue/items/" + QX + "/revisions", "{\"definition\":" + DEFINITION + ",\"reason\":\"修订\"}", "AD", "AD"),
                e("/api/catalogue/items/" + QX + "/withdrawal", "{\"reason\":\"取消\"}", "AD", "AD"),
                e("/api/client-categories", "{\"code\":\"CAT_" + COUNTY_CODES + "\",\"label\":\"退役军人\",\"group\":\"GREEN_CHANNEL\"}", "AD", "AD"),
                e("/api/calendar/years", "{\"year\":" + (YEAR + 1) + ",\"holidays\":[],\"adjustedWorkingDays\":[],\"notice\":\"测试\"}", "AD", "AD"),
                e("/api/calendar/years/" + YEAR + "/revision", "{\"holidays\":[],\"adjustedWorkingDays\":[],\"notice\":\"测试\",\"reason\":\"更正\"}", "AD", "AD"),
                // delegations
                e("/api/delegations", "{\"kind\":\"ASSIST\",\"mode\":\"ON_SITE\",\"stationCode\":\"{s}\",\"agentId\":\"{a}\",\"itemCode\":\"RS-001\"," + CLIENT + ",\"consentGiven\":true}", "AG MG", ""),
                e("/api/delegations/declined", "{\"kind\":\"ASSIST\",\"stationCode\":\"{s}\",\"agentId\":\"{a}\",\"itemCode\":\"RS-001\"," + CLIENT + ",\"reason\":\"不属于代办范围\"}", "AG MG", ""),
                e("/api/delegations/{d}/reassignment", "{\"newAgentId\":\"{a}\",\"reason\":\"请假\",\"clientInformed\":true}", "AG MG", ""),
                e("/api/delegations/{d}/progress", "{\"note\":\"已受理\",\"channel\":\"PHONE\"}", "AG MG", ""),
                e("/api/delegations/{d}/supplement-requests", "{\"materials\":[{\"name\":\"户口簿\",\"howToObtain\":\"派出所\"}],\"dueDate\":\"" + LocalDate.now().plusDays(5) + "\"}", "AG MG", ""),
                e("/api/delegations/{d}/supplement-receipt", "{}", "AG MG", ""),
                e("/api/delegations/{d}/tolerated-materials/receipt", "{\"materialName\":\"户口簿\"}", "AG MG", ""),
                e("/api/delegations/{d}/materials/completed-on-the-spot", "{\"materialNames\":[\"户口簿\"]}", "AG MG", ""),
                e("/api/delegations/{d}/conversion-to-proxy", "{\"client\":{\"kind\":\"CITIZEN\",\"name\":\"王秀英\",\"residentId\":\"11010519491231002X\",\"phone\":\"13912345678\"},\"applicantSigned\":true}", "AG MG", ""),
                e("/api/delegations/{d}/transfer", "{\"toWindow\":\"Z2\",\"reason\":\"分区调整\"}", "AG MG", ""),
                e("/api/delegations/{d}/transfer/acceptance", "{\"helperAgentId\":\"{a}\"}", "AG MG", ""),
                e("/api/delegations/{d}/transfer/withdrawal", "{\"reason\":\"转错分区\"}", "AG MG", ""),
                e("/api/delegations/{d}/transfer/refusal", "{\"reason\":\"不属本分区职责\"}", "AG MG", ""),
                e("/api/delegations/{d}/parallel-tasks", "{\"department\":\"税务\",\"approved\":true}", "AG MG", ""),
                e("/api/delegations/{d}/escalations", "{\"targetStationCode\":\"" + A + "\",\"uploadedMaterialRefs\":[\"scan/1.pdf\"]}", "AG MG", ""),
                e("/api/delegations/{d}/escalations/1/decision", "{\"approved\":true,\"certificateNumber\":\"证001\"}", "MTA AD", "AD"), // 000 §7.2.3 c: an administrator acts for the hop target
                e("/api/delegations/{d}/escalations/1/return", "{}", "MTA", ""),
                e("/api/delegations/{d}/fees/notification", "{\"feeName\":\"工本费\"}", "AG MG", ""),
                e("/api/delegations/{d}/fees/payment", "{\"feeName\":\"工本费\",\"amountFen\":1000,\"receiptNumber\":\"R1\"}", "AG MG", ""),
                e("/api/delegations/{d}/fees/exemption", "{\"feeName\":\"工本费\",\"reason\":\"依法免收\"}", "AG MG", ""),
                e("/api/delegations/{d}/suspension", "{\"reason\":\"CLIENT_REQUEST\",\"note\":\"外出\"}", "AG MG", ""),
                e("/api/delegations/{d}/resumption", "{}", "AG MG", ""),
                e("/api/delegations/{d}/withdrawal", "{\"reason\":\"不办了\"}", "AG MG", ""),
                e("/api/delegations/{d}/completion", "{\"successful\":true,\"resultReference\":\"结果1\"}", "AG MG", ""),
                e("/api/delegations/{d}/delivery", "{\"method\":\"IN_PERSON\",\"handoverProof\":\"签收\"}", "AG MG", ""),
                e("/api/delegations/{d}/result-held", "{\"attempts\":[{\"at\":\"2026-01-01T02:00:00Z\",\"channel\":\"PHONE\",\"outcome\":\"无人接听\"}],\"keptAt\":\"站点档案柜\"}", "AG MG", ""),
                e("/api/delegations/{d}/evaluation", "{\"overall\":\"SATISFIED\",\"attitude\":\"SATISFIED\",\"quality\":\"SATISFIED\",\"efficiency\":\"SATISFIED\",\"channel\":\"DEVICE\"}", "AG MG", ""),
                e("/api/delegations/{d}/evaluation/voiding", "{\"reason\":\"申诉成立\"}", "AD", "AD"),
                e("/api/delegations/{d}/follow-up-contacts", "{\"channel\":\"SMS\",\"summary\":\"提醒领证\"}", "AG MG", ""),
                e("/api/delegations/{d}/phone-follow-ups", "{\"reached\":false,\"summary\":\"无人接听\"}", "AG MG", ""),
                e("/api/delegations/{d}/rectification/follow-up", "{\"callSummary\":\"已回访\"}", "AG MG", ""),
                e("/api/delegations/{d}/rectification/completion", "{\"measures\":\"已整改\"}", "AG MG", ""),
                // 000 §8.2.2, 004 §7.2.2 复查: supervision over the station, or an administrator (recheck-by-supervision)
                e("/api/delegations/{d}/rectification/recheck", "{\"accepted\":true}", "SA AD", "AD"),
                e("/api/delegations/{d}/client-categories", "{\"clientCategories\":[\"ELDERLY\"],\"reason\":\"年满60\"}", "AG MG", ""),
                e("/api/delegations/{d}/home-visit", "{\"homeVisit\":{\"agreedAt\":\"2030-01-01T01:00:00Z\",\"address\":\"东街1号\"}}", "AG MG", ""),
                e("/api/delegations/{d}/home-visit/arrival", "{\"arrivedAt\":\"2026-01-01T01:00:00Z\"}", "AG MG", ""),
                e("/api/delegations/{d}/materials-handback", "{\"materials\":[\"户口簿原件\"],\"signedByClient\":true}", "AG MG", ""),
                e("/api/delegations/{d}/archive", "{\"archiveReference\":\"DA-1\",\"documents\":[\"受理单\"]}", "AG MG", ""),
                e("GET /api/delegations/{d}/documents/acceptance-form", null, "AG MG SA AD", "AD"),
                // consultations
                e("/api/consultations", "{\"stationCode\":\"{s}\",\"visitorName\":\"李大爷\",\"contact\":\"13812345678\",\"channel\":\"VISIT\",\"content\":\"怎么办？\"}", "AG MG", ""),
                e("/api/consultations/{c}/forwarding", "{\"department\":\"民政\"}", "AG MG MTA", ""),
                e("/api/consultations/{c}/answer", "{\"answer\":\"携带身份证\"}", "AG MG MTA", ""),
                e("/api/consultations/{c}/pre-check", "{\"itemCode\":\"RS-001\",\"materials\":[]}", "AG MG", ""),
                e("GET /api/consultations/{c}/documents/one-time-notice", null, "AG MG SA AD", "AD"),
                // complaints
                e("/api/complaints", "{\"stationCode\":\"{s}\",\"channel\":\"HOTLINE_12345\",\"complainantName\":\"周某\",\"contact\":\"13600001111\",\"content\":\"态度不好\"}", "AG MG MTA SA AD", "AD"),
                e("/api/complaints", "{\"stationCode\":\"{s}\",\"channel\":\"INSPECTION\",\"complainantName\":\"特邀监督员刘某\",\"contact\":\"13600002222\",\"content\":\"暗访时窗口无人\"}", "MTA SA AD", "AD"),
                e("/api/complaints/{k}/acceptance", "{}", "MTA SA AD", "AD"),
                e("/api/complaints/{k}/refusal", "{\"reason\":\"不属实\"}", "MTA SA AD", "AD"),
                e("/api/complaints/{k}/investigation", "{\"findings\":\"调查\"}", "MTA SA AD", "AD"),
                e("/api/complaints/{k}/handling", "{\"finding\":\"属实\",\"measures\":\"培训\"}", "MTA SA AD", "AD"),
                e("/api/complaints/{k}/feedback", "{\"feedback\":\"已处理\"}", "MTA SA AD", "AD"),
                e("/api/complaints/{k}/closure", "{\"archiveReference\":\"TS-1\"}", "MTA SA AD", "AD"),
                // personal data
                e("/api/admin/data-subjects/erasure", "{\"subjectId\":\"no-such-subject\",\"reason\":\"依法删除\"}", "AD", "AD"),
                // bookings
                e("/api/appointments", "{\"stationCode\":\"{s}\",\"itemCode\":\"RS-001\",\"date\":\"{day}\",\"slotStart\":\"09:30\",\"kind\":\"REGULAR\",\"channel\":\"PHONE\",\"clientName\":\"孙某\",\"phone\":\"13500001111\"}", "AG MG", ""),
                e("/api/appointments/{b}/cancellation", "{\"clientPhone\":\"13500001111\",\"reason\":\"改期\"}", "AG MG", ""),
                e("/api/appointments/{b}/service", "{\"outcome\":\"CONSULTATION\",\"reference\":\"咨询\"}", "AG MG", ""));
    }

    // ------------------------------------------------------------------------------------------------- setup

    String token(User user) {
        return switch (user) {
            case NOBODY -> null;
            case AG -> tokens.issue("agent-v1", Role.AGENT, V1);
            case MG -> tokens.issue("manager-v1", Role.STATION_MANAGER, V1);
            case MTA -> tokens.issue("manager-ta", Role.STATION_MANAGER, TA);
            case SA -> tokens.issue("supervisor-a", Role.SUPERVISOR, A);
            case AD -> tokens.issue("admin", Role.ADMINISTRATOR, null);
        };
    }

    ResponseEntity<String> send(String token, String methodAndPath, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        boolean get = methodAndPath.startsWith("GET ");
        return http.exchange(get ? methodAndPath.substring(4) : methodAndPath, get ? HttpMethod.GET : HttpMethod.POST,
                new HttpEntity<>(body, headers), String.class);
    }

    String created(String token, String path, String body) {
        ResponseEntity<String> response = send(token, path, body);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isIn(200, 201);
        try {
            return json.readTree(response.getBody()).get("id").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void open(String code, String level, String parent, String applicant, String approver) {
        String body = OPENING.replace("\"level\":\"VILLAGE_STATION\"", "\"level\":\"" + level + "\"")
                .replace("{new}", code).replace("{region}", region(code))
                .replace("\"parentCode\":\"{parent}\",", parent == null ? "" : "\"parentCode\":\"" + parent + "\",");
        created(applicant, "/api/stations", body);
        created(approver, "/api/stations/" + code + "/opening/approval", "{}");
    }

    Target target(String station, String parent) {
        String manager = tokens.issue("manager-" + station, Role.STATION_MANAGER, station);
        String agentToken = tokens.issue("agent-" + station, Role.AGENT, station);
        String agent = created(manager, "/api/agents", "{\"stationCode\":\"" + station + "\",\"name\":\"赵红\","
                + "\"phone\":\"13700001111\",\"background\":\"PARTY_MEMBER\",\"role\":\"AGENT\","
                + "\"intakeExperienceSince\":\"" + LocalDate.now().minusYears(2) + "\"}");
        created(manager, "/api/agents/" + agent + "/trainings", "{\"date\":\"" + LocalDate.now()
                + "\",\"topic\":\"帮办代办业务培训\",\"hours\":4}");
        created(manager, "/api/agents/" + agent + "/assessments", "{\"date\":\"" + LocalDate.now()
                + "\",\"passed\":true,\"examiner\":\"县中心\"}");
        String delegation = created(agentToken, "/api/delegations", "{\"kind\":\"ASSIST\",\"mode\":\"ON_SITE\","
                + "\"stationCode\":\"" + station + "\",\"agentId\":\"" + agent + "\",\"itemCode\":\"RS-001\"," + CLIENT
                + ",\"consentGiven\":true}");
        String consultation = created(agentToken, "/api/consultations", "{\"stationCode\":\"" + station
                + "\",\"visitorName\":\"李大爷\",\"contact\":\"13812345678\",\"channel\":\"VISIT\",\"content\":\"怎么办？\"}");
        String complaint = created(tokens.issue("admin", Role.ADMINISTRATOR, null), "/api/complaints",
                "{\"stationCode\":\"" + station + "\",\"channel\":\"HOTLINE_12345\",\"complainantName\":\"周某\","
                        + "\"contact\":\"13600001111\",\"content\":\"态度不好\"}");
        created(manager, "/api/stations/" + station + "/booking-schedule", "{\"windows\":[{\"from\":\"09:00\","
                + "\"to\":\"12:00\",\"slotMinutes\":30,\"capacity\":5,\"extendedHours\":false}],\"homeVisits\":false}");
        String booking = created(agentToken, "/api/appointments", "{\"stationCode\":\"" + station
                + "\",\"itemCode\":\"RS-001\",\"date\":\"" + bookingDay + "\",\"slotStart\":\"09:00\",\"kind\":\"REGULAR\","
                + "\"channel\":\"PHONE\",\"clientName\":\"孙某\",\"phone\":\"13500001111\"}");
        return new Target(station, parent, agent, delegation, consultation, complaint, booking);
    }

    @BeforeAll
    void twoCounties() {
        String admin = token(User.AD);
        created(admin, "/api/calendar/years", "{\"year\":" + YEAR + ",\"holidays\":[],\"adjustedWorkingDays\":[],\"notice\":\"测试\"}");
        created(admin, "/api/catalogue/items", "{\"code\":\"" + QX + "\",\"definition\":" + DEFINITION + "}");
        LocalDate day = LocalDate.now(ZoneId.of(ServiceClock.DEFAULT_ZONE)).plusDays(7);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                || jdbc.queryForObject("select count(*) from command_side.calendar_day where day = ? and not working",
                Integer.class, day) > 0) {
            day = day.plusDays(1);
        }
        // A regular booking needs its year's calendar: in the last week of a year, load the next one (weekends only;
        // a class that loads a year itself takes the year after the last loaded one).
        if (jdbc.queryForObject("select count(*) from command_side.calendar_year where year = ?", Integer.class,
                day.getYear()) == 0) {
            created(admin, "/api/calendar/years", "{\"year\":" + day.getYear()
                    + ",\"holidays\":[],\"adjustedWorkingDays\":[],\"notice\":\"测试\"}");
        }
        bookingDay = day;
        String managerA = tokens.issue("manager-a", Role.STATION_MANAGER, A);
        String managerB = tokens.issue("manager-b", Role.STATION_MANAGER, B);
        String managerTA = token(User.MTA);
        String managerTB = tokens.issue("manager-tb", Role.STATION_MANAGER, TB);
        open(A, "COUNTY_CENTRE", null, admin, admin);
        open(TA, "TOWNSHIP_CENTRE", A, managerA, managerA);
        open(V1, "VILLAGE_STATION", TA, managerTA, managerTA);
        open(V2, "VILLAGE_STATION", TA, managerTA, managerTA);
        open(B, "COUNTY_CENTRE", null, admin, admin);
        open(TB, "TOWNSHIP_CENTRE", B, managerB, managerB);
        open(W1, "VILLAGE_STATION", TB, managerTB, managerTB);
        own = target(V1, TA);
        neighbour = target(V2, TA);
        otherCounty = target(W1, TB);
    }

    // ------------------------------------------------------------------------------------------------ matrix

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : endpoints()) {
            for (User user : User.values()) {
                cases.add(Arguments.of(endpoint.path(), user, "own", endpoint));
                cases.add(Arguments.of(endpoint.path(), user, "other", endpoint));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1} ({2})")
    @MethodSource("matrix")
    void everyCommandEndpointAnswersEveryUserAsDesigned(String path, User user, String scope, Endpoint endpoint) {
        boolean own = scope.equals("own");
        Target target = own ? this.own : user == User.AG || user == User.MG ? neighbour : otherCounty;
        String newStation = target.station().substring(0, target.station().length() - 2)
                + ThreadLocalRandom.current().nextInt(50, 99);
        String resolvedPath = resolve(path, target, newStation);
        String body = endpoint.body() == null ? null : resolve(endpoint.body(), target, newStation);
        long eventsBefore = events();

        ResponseEntity<String> response = send(token(user), resolvedPath, body);

        int status = response.getStatusCode().value();
        String why = resolvedPath + " by " + user + ": " + response.getBody();
        if (user == User.NOBODY) {
            assertThat(status).as(why).isEqualTo(401);
        } else if ((own ? endpoint.own() : endpoint.other()).contains(user)) {
            assertThat(status).as(why).isNotIn(401, 403).isLessThan(500);
        } else {
            assertThat(status).as(why).isEqualTo(403);
        }
        if (status == 401 || status == 403) {
            assertThat(events()).as("a refused request leaves nothing behind").isEqualTo(eventsBefore);
        }
    }

    long events() {
        return jdbc.queryForObject("select count(*) from command_side.domain_event_entry", Long.class);
    }

    /** Station codes are region-prefixed: every station here lies in its county's division (1477xx / 1478xx). */
    static String region(String stationCode) {
        return stationCode.substring(0, 6);
    }

    String resolve(String text, Target target, String newStation) {
        // Opening a new station: under V1's parent (TA) for "own", under W1's parent (TB) otherwise.
        return text.replace("{new}", newStation).replace("{region}", region(newStation))
                .replace("{parent}", target.parent())
                .replace("{s}", target.station()).replace("{a}", target.agent()).replace("{d}", target.delegation())
                .replace("{c}", target.consultation()).replace("{k}", target.complaint())
                .replace("{b}", target.booking()).replace("{day}", bookingDay.toString());
    }

    /**
     * The public face of this side: the client's own grade (`003 三(二)3`) is answered without a token, for every
     * user alike, by its code alone (an unknown code: 422 evaluation-code-unknown), never 401 or 403; it records
     * nothing without a valid code.
     */
    @org.junit.jupiter.api.Test
    void thePublicEvaluationIsAnsweredByItsCodeAloneForEveryUser() throws Exception {
        long before = events();
        for (User user : User.values()) {
            ResponseEntity<String> response = send(token(user), "/api/public/evaluations",
                    "{\"code\":\"no-such-code-" + user + "\",\"overall\":\"SATISFIED\",\"attitude\":\"SATISFIED\","
                            + "\"quality\":\"SATISFIED\",\"efficiency\":\"SATISFIED\"}");
            assertThat(response.getStatusCode().value()).as(user + ": " + response.getBody()).isEqualTo(422);
            assertThat(json.readTree(response.getBody()).get("rule").asText()).isEqualTo("evaluation-code-unknown");
        }
        assertThat(events()).isEqualTo(before);
    }

    /**
     * Supervision's own channels (`003 三(三)`: 局长信箱, 明查暗访; and a poor grade escalated): the station the complaint
     * is about cannot record it, whoever there asks, and the refusal names the rule; supervision over it can.
     */
    @org.junit.jupiter.api.Test
    void aComplaintThroughSupervisionsChannelsIsRecordedBySupervisionNotByTheStation() throws Exception {
        for (String channel : List.of("DIRECTOR_MAILBOX", "INSPECTION", "POOR_GRADE_ESCALATED")) {
            String body = "{\"stationCode\":\"" + own.station() + "\",\"channel\":\"" + channel
                    + "\",\"complainantName\":\"来信人\",\"contact\":\"13600003333\",\"content\":\"窗口推诿\"}";
            long before = events();
            for (User user : List.of(User.AG, User.MG)) {
                ResponseEntity<String> refused = send(token(user), "/api/complaints", body);
                assertThat(refused.getStatusCode().value()).as(channel + " by " + user).isEqualTo(403);
                assertThat(json.readTree(refused.getBody()).get("detail").asText())
                        .contains("complaint-channel-of-supervision");
            }
            assertThat(events()).as("a refused complaint leaves nothing behind").isEqualTo(before);
            assertThat(send(token(User.SA), "/api/complaints", body).getStatusCode().value()).as(channel)
                    .isEqualTo(201);
        }
    }
}
