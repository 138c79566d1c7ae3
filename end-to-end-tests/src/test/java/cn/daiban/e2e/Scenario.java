package cn.daiban.e2e;

import cn.daiban.kernel.calendar.ServiceClock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh county → township → village hierarchy with qualified agents, set up over the command API. */
final class Scenario {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of(ServiceClock.DEFAULT_ZONE));

    final String county;
    final String township;
    final String village;

    private Scenario(String county, String township, String village) {
        this.county = county;
        this.township = township;
        this.village = village;
    }

    static String command(String path) {
        return Backend.commandSide() + path;
    }

    static String query(String path) {
        return Backend.querySide() + path;
    }

    /**
     * The body of an on-site assist (帮办) at the village by {@code agent}, for a citizen; a mutable map, so a test can
     * add what its case needs (a window, notes …).
     */
    Map<String, Object> assist(String agent, String item, String clientName, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", "ASSIST");
        body.put("mode", "ON_SITE");
        body.put("stationCode", village);
        body.put("agentId", agent);
        body.put("itemCode", item);
        body.put("client", Map.of("kind", "CITIZEN", "name", clientName, "phone", phone));
        body.put("consentGiven", true);
        return body;
    }

    /** Opens a county centre, a township centre under it and a village station under that, all offering {@code items}. */
    static Scenario hierarchy(List<String> items) {
        return hierarchy(items, List.of());
    }

    /** The same, the village with {@code villageWindows} (each {@code code}, {@code name}, {@code kind}). */
    static Scenario hierarchy(List<String> items, List<Map<String, Object>> villageWindows) {
        Http admin = Http.as("admin-01", null);
        // The calendar ships 2025 and 2026; a run in a later year loads its year as an administrator would.
        for (int year : Set.of(TODAY.getYear(), TODAY.plusMonths(2).getYear())) {
            if (year > 2026) {
                Http.Answer loaded = admin.post(command("/api/calendar/years"), Map.of("year", year,
                        "holidays", List.of(year + "-01-01"), "adjustedWorkingDays", List.of(), "notice", "测试用"));
                assertThat(loaded.status()).isIn(201, 409);
            }
        }
        String county = CountyCodes.next();
        String township = county + "1";
        String village = township + "01";
        admin.post(command("/api/stations"), station(county, "沁水县政务服务中心", "COUNTY_CENTRE", null, items)).expect(201);
        admin.post(command("/api/stations/" + county + "/opening/approval"), Map.of()).expect(200);
        Http.as("clerk-11", county).post(command("/api/stations"),
                station(township, "郑庄镇便民服务中心", "TOWNSHIP_CENTRE", county, items)).expect(201);
        Http.as("director-01", county).post(command("/api/stations/" + township + "/opening/approval"), Map.of())
                .expect(200);
        Map<String, Object> villageStation = station(village, "郑庄村便民服务站", "VILLAGE_STATION", township, items);
        if (!villageWindows.isEmpty()) {
            villageStation.put("windows", villageWindows);
        }
        Http.as("clerk-21", township).post(command("/api/stations"), villageStation).expect(201);
        Http.as("head-01", township).post(command("/api/stations/" + village + "/opening/approval"), Map.of())
                .expect(200);
        return new Scenario(county, township, village);
    }

    /** Station codes are region-prefixed: each station of the hierarchy lies in its county's division. */
    private static Map<String, Object> station(String code, String name, String level, String parent,
                                               List<String> items) {
        Map<String, Object> body = new HashMap<>(Map.of("stationCode", code, "name", name, "level", level,
                "region", code.substring(0, 6), "address", name + "办公楼一层",
                "manager", Map.of("name", "张伟", "phone", "13812345678"), "supervisionPhone", "0356-7022345",
                "serviceItemCodes", items));
        if (parent != null) {
            body.put("parentCode", parent);
        }
        return body;
    }

    /** Registers an agent at the village with two years of intake experience and passes their assessment today. */
    String qualifiedAgent(String name, String role) {
        Http manager = Http.as("manager-01", village);
        String id = manager.post(command("/api/agents"), Map.of("stationCode", village, "name", name,
                "phone", "13700001111", "background", "PARTY_MEMBER", "role", role,
                "intakeExperienceSince", TODAY.minusYears(2).toString())).expect(201).json().get("id").asText();
        manager.post(command("/api/agents/" + id + "/trainings"), Map.of("date", TODAY.toString(), "topic", "帮办代办业务培训", "hours", 4)).expect(200);
        manager.post(command("/api/agents/" + id + "/assessments"), Map.of("date", TODAY.toString(), "passed", true,
                "examiner", "沁水县政务服务中心")).expect(200);
        return id;
    }
}
