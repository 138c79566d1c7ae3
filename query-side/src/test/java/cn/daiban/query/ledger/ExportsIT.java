package cn.daiban.query.ledger;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.ClientKind;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.ServiceMode;
import cn.daiban.kernel.ledger.LedgerFilter;
import cn.daiban.kernel.ledger.WorkLedgerResponse;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Exports never pass off a failure as a file, and never hand a spreadsheet program a formula from a client's data.
 *
 * <p>The failure is injected through a test-only {@link LedgerQueries} whose rendering of one row fails: a ledger
 * row whose client is named {@link #BREAKS} (nothing in production renders rows differently).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(ExportsIT.FailingRows.class)
// Its own context (the failing rows bean): closed afterwards, or it would go on handling the stream beside the other
// tests' context under the same token owner (two copies of every projection, each parking the same events).
@org.springframework.test.annotation.DirtiesContext
class ExportsIT extends PostgresIntegrationTest {

    static final String BREAKS = "渲染失败";
    static final String FORMULA = "=HYPERLINK(\"http://x\",\"点我\")";
    /** 120 good rows, then (oldest, so last) the one that fails: far more than the server's 8 KB response buffer. */
    static final String MANY = "147600000";
    /** Only the row that fails. */
    static final String ONLY_BROKEN = "147500000";
    /** A client whose name is a formula. */
    static final String FORMULA_STATION = "147400000";
    static final String OCTOBER = "&from=2026-10-01&to=2026-10-31";
    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);

    @TestConfiguration
    static class FailingRows {
        @Bean
        @Primary
        LedgerQueries failingLedgerQueries(JdbcTemplate jdbc, ObjectMapper json) {
            return new LedgerQueries(jdbc, json) {
                @Override
                public void streamLedger(LedgerFilter filter, RowSink<WorkLedgerResponse.Row> sink) {
                    super.streamLedger(filter, row -> {
                        if (BREAKS.equals(row.clientName())) {
                            throw new IllegalStateException("this row does not render");
                        }
                        sink.accept(row);
                    });
                }
            };
        }
    }

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    EmbeddedTokens tokens;
    @LocalServerPort
    int port;
    String lastAnswer = "";

    @BeforeAll
    void history() {
        station(MANY);
        station(ONLY_BROKEN);
        station(FORMULA_STATION);
        Instant day = LocalDate.of(2026, 10, 12).atTime(9, 0).atZone(SHANGHAI).toInstant();
        commission(MANY, BREAKS, day);
        for (int i = 0; i < 120; i++) {
            commission(MANY, "王秀英" + i, day.plusSeconds(60L * (i + 1)));
        }
        commission(ONLY_BROKEN, BREAKS, day);
        commission(FORMULA_STATION, FORMULA, day);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(List.of(rows(MANY), rows(ONLY_BROKEN),
                rows(FORMULA_STATION))).as(lastAnswer).containsExactly(121L, 1L, 1L));
    }

    @Test
    void theOpenApiDocumentStatesEachExportsContentTypeAndTheAnswerCarriesIt() throws Exception {
        String xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        JsonNode paths = json.readTree(http.getForObject("/v3/api-docs", String.class)).get("paths");
        Map<String, String> documented = Map.of(
                "/api/ledger.csv", "text/csv", "/api/ledger.xlsx", xlsx,
                "/api/registers/{kind}.csv", "text/csv", "/api/registers/{kind}.xlsx", xlsx,
                "/api/consultations.csv", "text/csv", "/api/consultations.xlsx", xlsx,
                "/api/assessments/quarterly.xlsx", xlsx);
        documented.forEach((path, type) -> {
            JsonNode ok = paths.path(path).path("get").path("responses").path("200");
            assertThat(ok.path("content").fieldNames()).toIterable().as(path).containsExactly(type);
            assertThat(ok.path("content").path(type).path("schema").path("format").asText()).as(path).isEqualTo("binary");
        });
        // What is documented is what is sent.
        for (String suffix : List.of(".csv", ".xlsx")) {
            org.springframework.http.ResponseEntity<byte[]> answer = http.getForEntity(
                    "/api/ledger" + suffix + "?station=" + FORMULA_STATION + OCTOBER, byte[].class);
            assertThat(answer.getStatusCode().value()).isEqualTo(200);
            assertThat(answer.getHeaders().getContentType()).as(suffix).matches(actual -> actual.isCompatibleWith(
                    org.springframework.http.MediaType.parseMediaType(documented.get("/api/ledger" + suffix))));
        }
    }

    @Test
    void aFormulaInAClientsNameIsExportedAsQuotedTextInCsvAndXlsx() throws Exception {
        byte[] csv = http.getForObject("/api/ledger.csv?station=" + FORMULA_STATION + OCTOBER, byte[].class);
        List<String> lines = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",")
                .doesNotContain(",\"=HYPERLINK");

        byte[] xlsx = http.getForObject("/api/ledger.xlsx?station=" + FORMULA_STATION + OCTOBER, byte[].class);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("姓名");
            var name = sheet.getRow(1).getCell(5);
            assertThat(name.getCellType()).isEqualTo(CellType.STRING);
            assertThat(name.getStringCellValue()).isEqualTo("'" + FORMULA);
            // The serial number stays a number.
            assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
        }
    }

    @Test
    void anXlsxThatFailsBeforeItsFirstByteAnswersProblemJson() throws Exception {
        // The failing row is the 121st: the workbook is complete in its temporary files before anything is sent.
        assertProblem(get("/api/ledger.xlsx?station=" + MANY + OCTOBER, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aCsvThatFailsBeforeAnythingLeftTheBufferAnswersProblemJson() throws Exception {
        assertProblem(get("/api/ledger.csv?station=" + ONLY_BROKEN + OCTOBER, HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aCsvThatFailsMidStreamIsBrokenOffNotEndedLikeAFile() throws Exception {
        HttpResponse<InputStream> answer = get("/api/ledger.csv?station=" + MANY + OCTOBER,
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        try (InputStream body = answer.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void theSameStationsExportsWithoutTheBrokenRenderingStillWork() throws Exception {
        // The control: the failures above come from the broken row, not from the size of the export.
        HttpResponse<byte[]> xlsx = get("/api/registers/proxy.xlsx?station=" + MANY + OCTOBER,
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(121);
        }
        HttpResponse<byte[]> csv = get("/api/registers/proxy.csv?station=" + MANY + OCTOBER,
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines()).hasSize(122);
    }

    private void assertProblem(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.headers().firstValue("Content-Disposition")).isEmpty();
        JsonNode problem = json.readTree(answer.body());
        assertThat(problem.get("rule").asText()).isEqualTo("internal-error");
        assertThat(problem.get("type").asText()).isEqualTo("urn:daiban:problem:internal-error");
    }

    private <T> HttpResponse<T> get(String path, HttpResponse.BodyHandler<T> handler) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + tokens.issue("admin", Role.ADMINISTRATOR, null))
                .header("Accept", "*/*")
                .timeout(Duration.ofSeconds(60)).GET().build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, handler);
    }

    /** The ledger's row count of the station; -1 while the station is not yet known to the query side. */
    private long rows(String station) throws Exception {
        HttpResponse<String> answer = get("/api/ledger?size=1&station=" + station + OCTOBER,
                HttpResponse.BodyHandlers.ofString());
        lastAnswer = answer.statusCode() + " " + answer.body();
        JsonNode total = json.readTree(answer.body()).get("totalRows");
        return answer.statusCode() == 200 && total != null ? total.asLong() : -1;
    }

    private void station(String code) {
        StationManager manager = new StationManager("张伟", PhoneNumber.of("13812345678"));
        Instant at = LocalDate.of(2026, 10, 1).atTime(9, 0).atZone(SHANGHAI).toInstant();
        publish("Station", code, 0, new StationOpeningRequestedEvent(StationCode.of(code), "导出测试中心" + code,
                StationLevel.COUNTY_CENTRE, null, null, RegionCode.of(code.substring(0, 6)), "地址", manager,
                PhoneNumber.of("0356-7022345"), List.of(), Set.of()), at, code);
        publish("Station", code, 1, new StationOpeningApprovedEvent(StationCode.of(code), null, null), at, code);
    }

    private void commission(String station, String clientName, Instant at) {
        DelegationId id = DelegationId.create();
        LocalDate day = at.atZone(SHANGHAI).toLocalDate();
        publish("Delegation", id.value(), 0, new DelegationCommissionedEvent(id, DelegationKind.PROXY,
                ServiceMode.ON_SITE, StationCode.of(station), "W1", AgentId.create(), ServiceItemCode.of("RS-001"), 1,
                "城乡居民养老保险参保登记", "人社", Set.of(StationLevel.VILLAGE_STATION), List.of(),
                new Client(ClientKind.CITIZEN, clientName, null, null, PhoneNumber.of("13912345678"), null),
                null, null, List.of(), List.of(), null, true, List.of(), "0356-7022345", false, false, day, 5,
                day.plusDays(7), null, null, null, null, null, null, null, null, null, null), at, station);
    }

    private void publish(String type, String aggregateId, long sequence, Object payload, Instant at, String station) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, "admin", MetadataKeys.STATION_CODE, station), UUID.randomUUID().toString(),
                at));
    }
}
