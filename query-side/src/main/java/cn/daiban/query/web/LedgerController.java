package cn.daiban.query.web;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.WorkLogEntryKind;
import cn.daiban.kernel.ledger.ConsultationRecordResponse;
import cn.daiban.kernel.ledger.DelegationDetailResponse;
import cn.daiban.kernel.ledger.FetchConsultationRecordQuery;
import cn.daiban.kernel.ledger.FetchDelegationDetailQuery;
import cn.daiban.kernel.ledger.FetchRegisterQuery;
import cn.daiban.kernel.ledger.FetchWorkLedgerQuery;
import cn.daiban.kernel.ledger.FetchWorkLogQuery;
import cn.daiban.kernel.ledger.LedgerFilter;
import cn.daiban.kernel.ledger.RegisterResponse;
import cn.daiban.kernel.ledger.WorkLedgerResponse;
import cn.daiban.kernel.ledger.WorkLogResponse;
import cn.daiban.query.export.Exports;
import cn.daiban.query.ledger.LedgerQueries;
import cn.daiban.security.StationHierarchy;
import cn.daiban.security.User;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * The records the standards ask for: the work ledger (工作台账), the assist and proxy registers (帮办 / 代办登记表),
 * the consultation record (接待咨询记录), each as JSON pages and as streamed .xlsx / CSV downloads with the
 * standard's Chinese headings; and one delegation's detail.
 */
@RestController
@Tag(name = "Ledgers and registers", description = "工作台账, 帮办 / 代办登记表, 接待咨询记录, delegation detail, exports")
class LedgerController {

    private final QueryGateway queries;
    private final LedgerQueries ledger;
    private final Exports exports;
    /** Times in the exports, in the centre's zone. */
    private final DateTimeFormatter time;

    /** Whose stations a reader covers: a matter's re-applications are shown within it. */
    private final StationHierarchy hierarchy;

    LedgerController(QueryGateway queries, LedgerQueries ledger, Exports exports, ServiceClock clock,
                     org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.queries = queries;
        this.ledger = ledger;
        this.exports = exports;
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(clock.zone());
        this.hierarchy = new StationHierarchy(jdbc, "station_directory");
    }

    @GetMapping("/api/ledger")
    @Operation(summary = "The work ledger (工作台账, 004 附录D), refused intakes included; newest first; category = a client category (002 服务对象)")
    WorkLedgerResponse ledger(@RequestParam(required = false) String station,
                              @RequestParam(defaultValue = "false") boolean rollUp,
                              @RequestParam(required = false) String window,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              @RequestParam(required = false) DelegationStatus status,
                              @RequestParam(required = false) String item,
                              @RequestParam(required = false) String agent,
                              @RequestParam(defaultValue = "false") boolean oldestFirst,
                              @RequestParam(required = false) String category,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        LedgerFilter filter = new LedgerFilter(station, rollUp, window, from, to, status, item, agent, null, oldestFirst,
                category);
        return queries.query(new FetchWorkLedgerQuery(filter, page, size),
                ResponseTypes.instanceOf(WorkLedgerResponse.class)).join();
    }

    @GetMapping({"/api/ledger.csv", "/api/ledger.xlsx"})
    @Operation(summary = "The work ledger as .xlsx or CSV (UTF-8 with BOM), streamed, same filters",
            responses = @ApiResponse(responseCode = "200",
            description = "CSV (UTF-8 with BOM) for .csv, an Excel workbook for .xlsx",
            content = {@Content(mediaType = ExportOpenApi.CSV, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = ExportOpenApi.XLSX, schema = @Schema(type = "string", format = "binary"))}))
    void ledgerExport(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                                       @RequestParam(required = false) String station,
                                                       @RequestParam(defaultValue = "false") boolean rollUp,
                                                       @RequestParam(required = false) String window,
                                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                                       @RequestParam(required = false) DelegationStatus status,
                                                       @RequestParam(required = false) String item,
                                                       @RequestParam(required = false) String agent,
                                                       @RequestParam(defaultValue = "false") boolean oldestFirst,
                                                       @RequestParam(required = false) String category) throws Exception {
        LedgerFilter filter = new LedgerFilter(station, rollUp, window, from, to, status, item, agent, null, oldestFirst,
                category);
        boolean xlsx = request.getRequestURI().endsWith(".xlsx");
        exports.either(xlsx, response, "工作台账", WorkLedgerResponse.HEADINGS, table ->
                ledger.streamLedger(filter, row -> table.row(Arrays.asList(row.serial(), row.date(), row.stationName(),
                        row.window(), row.department(), row.clientName(), row.clientPhone(), row.itemName(),
                        row.accepted() ? "是" : "否", row.timeLimitWorkingDays(), row.status(), row.declineReason(),
                        time.format(row.receivedAt()),
                        row.sameDayCompletedAt() == null ? null : time.format(row.sameDayCompletedAt()),
                        row.receiver(), row.remark()))));
    }

    @GetMapping("/api/registers/{kind}")
    @Operation(summary = "The assist (帮办) or proxy (代办) register, 002 表A.1; kind = assist | proxy")
    RegisterResponse register(@PathVariable String kind,
                              @RequestParam(required = false) String station,
                              @RequestParam(defaultValue = "false") boolean rollUp,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                              @RequestParam(required = false) String item,
                              @RequestParam(required = false) String agent,
                              @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        LedgerFilter filter = new LedgerFilter(station, rollUp, null, from, to, null, item, agent, kind(kind), false);
        return queries.query(new FetchRegisterQuery(filter, page, size),
                ResponseTypes.instanceOf(RegisterResponse.class)).join();
    }

    @GetMapping({"/api/registers/{kind}.csv", "/api/registers/{kind}.xlsx"})
    @Operation(summary = "A register as .xlsx or CSV, streamed",
            responses = @ApiResponse(responseCode = "200",
            description = "CSV (UTF-8 with BOM) for .csv, an Excel workbook for .xlsx",
            content = {@Content(mediaType = ExportOpenApi.CSV, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = ExportOpenApi.XLSX, schema = @Schema(type = "string", format = "binary"))}))
    void registerExport(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                                         @PathVariable String kind,
                                                         @RequestParam(required = false) String station,
                                                         @RequestParam(defaultValue = "false") boolean rollUp,
                                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                                         @RequestParam(required = false) String item,
                                                         @RequestParam(required = false) String agent) throws Exception {
        DelegationKind delegationKind = kind(kind);
        LedgerFilter filter = new LedgerFilter(station, rollUp, null, from, to, null, item, agent, delegationKind, false);
        boolean xlsx = request.getRequestURI().endsWith(".xlsx");
        String title = delegationKind == DelegationKind.ASSIST ? "帮办登记表" : "代办登记表";
        exports.either(xlsx, response, title, RegisterResponse.HEADINGS, table ->
                ledger.streamRegister(filter, row -> table.row(Arrays.asList(row.serial(), row.itemName(),
                        row.acceptanceReason(), row.handlingMode(), row.handlingTime(), row.result(), row.applicant(),
                        row.evaluation(), row.remark()))));
    }

    @GetMapping("/api/consultations")
    @Operation(summary = "The consultation record (接待咨询记录) with timeliness")
    ConsultationRecordResponse consultations(@RequestParam(required = false) String station,
                                             @RequestParam(defaultValue = "false") boolean rollUp,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                             @RequestParam(required = false) FetchConsultationRecordQuery.Timeliness timeliness,
                                             @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "50") int size) {
        return queries.query(new FetchConsultationRecordQuery(station, rollUp, from, to, timeliness, page, size),
                ResponseTypes.instanceOf(ConsultationRecordResponse.class)).join();
    }

    @GetMapping({"/api/consultations.csv", "/api/consultations.xlsx"})
    @Operation(summary = "The consultation record as .xlsx or CSV, streamed",
            responses = @ApiResponse(responseCode = "200",
            description = "CSV (UTF-8 with BOM) for .csv, an Excel workbook for .xlsx",
            content = {@Content(mediaType = ExportOpenApi.CSV, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = ExportOpenApi.XLSX, schema = @Schema(type = "string", format = "binary"))}))
    void consultationExport(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                                                             @RequestParam(required = false) String station,
                                                             @RequestParam(defaultValue = "false") boolean rollUp,
                                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                                             @RequestParam(required = false) FetchConsultationRecordQuery.Timeliness timeliness) throws Exception {
        FetchConsultationRecordQuery query = new FetchConsultationRecordQuery(station, rollUp, from, to, timeliness, 0, 1);
        boolean xlsx = request.getRequestURI().endsWith(".xlsx");
        exports.either(xlsx, response, "接待咨询记录", ConsultationRecordResponse.HEADINGS, table ->
                ledger.streamConsultations(query, row -> table.row(Arrays.asList(row.serial(), row.date(),
                        row.stationCode(), row.visitorName(), row.contact(), row.channel(), row.content(), row.result(),
                        row.forwardedTo(), row.replyDue(), row.answeredOn(),
                        row.answeredInTime() == null ? (row.overdue() ? "否（超时未答复）" : "待答复")
                                : row.answeredInTime() ? "是" : "否",
                        row.delegationId()))));
    }

    @GetMapping("/api/work-log")
    @Operation(summary = "The work log (工作日志, 002 代办·承办, 004 §6.3.3.2.3) of a station's matters, newest first: "
            + "problems with their analysis and resolution, contacts with the approving departments, follow-up notes; "
            + "openProblems=true for the problems not resolved yet")
    WorkLogResponse workLog(@RequestParam(required = false) String station,
                            @RequestParam(defaultValue = "false") boolean rollUp,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                            @RequestParam(required = false) WorkLogEntryKind kind,
                            @RequestParam(defaultValue = "false") boolean openProblems,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "50") int size) {
        return queries.query(new FetchWorkLogQuery(station, rollUp, from, to, kind, openProblems, page, size),
                ResponseTypes.instanceOf(WorkLogResponse.class)).join();
    }

    @GetMapping({"/api/work-log.csv", "/api/work-log.xlsx"})
    @Operation(summary = "The work log as .xlsx or CSV, streamed",
            responses = @ApiResponse(responseCode = "200",
            description = "CSV (UTF-8 with BOM) for .csv, an Excel workbook for .xlsx",
            content = {@Content(mediaType = ExportOpenApi.CSV, schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = ExportOpenApi.XLSX, schema = @Schema(type = "string", format = "binary"))}))
    void workLogExport(jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                       @RequestParam(required = false) String station,
                       @RequestParam(defaultValue = "false") boolean rollUp,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                       @RequestParam(required = false) WorkLogEntryKind kind,
                       @RequestParam(defaultValue = "false") boolean openProblems) throws Exception {
        FetchWorkLogQuery query = new FetchWorkLogQuery(station, rollUp, from, to, kind, openProblems, 0, 1);
        boolean xlsx = request.getRequestURI().endsWith(".xlsx");
        exports.either(xlsx, response, "工作日志", WorkLogResponse.HEADINGS, table ->
                ledger.streamWorkLog(query, row -> table.row(Arrays.asList(row.serial(), row.date(),
                        row.stationName() != null ? row.stationName() : row.stationCode(), row.delegationId(),
                        row.number(), row.itemName(), row.clientName(), WorkLogEntryKind.valueOf(row.kind()).label(),
                        row.summary(), row.analysis(), row.resolution(), row.department(), row.contact(),
                        row.resolves(), solved(row), row.resolvedBy(), row.resolvedOn(), row.recordedBy(),
                        time.format(row.recordedAt())))));
    }

    /**
     * 是否已解决 for a problem: resolved (at once or by a later entry), still open, or closed unresolved when its matter
     * was archived; blank for other entries.
     */
    private static String solved(WorkLogResponse.Row row) {
        if (!WorkLogEntryKind.PROBLEM.name().equals(row.kind())) {
            return null;
        }
        if (row.resolution() != null || row.resolvedBy() != null) {
            return "是";
        }
        return row.open() ? "否" : "否（归档时未解决）";
    }

    @GetMapping("/api/delegations/{id}")
    @Operation(summary = "One delegation: state, deadlines, agent, every step, materials, escalation, evaluation")
    DelegationDetailResponse delegation(@PathVariable String id) {
        DelegationDetailResponse detail = queries.query(new FetchDelegationDetailQuery(DelegationId.of(id)),
                        ResponseTypes.optionalInstanceOf(DelegationDetailResponse.class)).join()
                .orElseThrow(() -> new NotFoundException("delegation " + id));
        // A re-application at a station outside the reader's jurisdiction is not shown (ReadAccess covers the matter
        // read, not the matters that name it): a client may apply again elsewhere.
        User user = User.require();
        return detail.withReapplications(detail.reapplications().stream()
                .filter(again -> hierarchy.covers(user, again.stationCode())).toList());
    }

    @GetMapping("/api/notifications/{subjectId}")
    @Operation(summary = "Client notifications of a delegation, booking or complaint, with every sending attempt")
    cn.daiban.kernel.notification.NotificationsResponse notifications(@PathVariable String subjectId) {
        return queries.query(new cn.daiban.kernel.notification.FetchNotificationsQuery(subjectId),
                ResponseTypes.instanceOf(cn.daiban.kernel.notification.NotificationsResponse.class)).join();
    }

    private static DelegationKind kind(String kind) {
        return switch (kind) {
            case "assist" -> DelegationKind.ASSIST;
            case "proxy" -> DelegationKind.PROXY;
            default -> throw new cn.daiban.kernel.common.InvalidValueException("kind", "must be assist or proxy");
        };
    }
}
