package cn.daiban.query.web;

import cn.daiban.kernel.dashboard.FetchQuarterlyAssessmentQuery;
import cn.daiban.kernel.dashboard.QuarterlyAssessmentResponse;
import cn.daiban.query.export.Exports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;

/** The quarterly assessment per station, zone or agent (`003 附件4 三`), as JSON and .xlsx. */
@RestController
@Tag(name = "Assessment", description = "季度考核: per station, zone and agent")
class AssessmentController {

    private final QueryGateway queries;
    private final Exports exports;

    AssessmentController(QueryGateway queries, Exports exports) {
        this.queries = queries;
        this.exports = exports;
    }

    @GetMapping("/api/assessments/quarterly")
    @Operation(summary = "The quarterly assessment of every station, zone or agent under {station} (all when absent)")
    QuarterlyAssessmentResponse assessment(@RequestParam(required = false) String station, @RequestParam int year,
                                           @RequestParam int quarter,
                                           @RequestParam(defaultValue = "STATION") FetchQuarterlyAssessmentQuery.Level level) {
        return queries.query(new FetchQuarterlyAssessmentQuery(station, year, quarter, level),
                ResponseTypes.instanceOf(QuarterlyAssessmentResponse.class)).join();
    }

    @GetMapping("/api/assessments/quarterly.xlsx")
    @Operation(summary = "The quarterly assessment as .xlsx", responses = @ApiResponse(responseCode = "200",
            description = "An Excel workbook",
            content = @Content(mediaType = ExportOpenApi.XLSX, schema = @Schema(type = "string", format = "binary"))))
    void assessmentXlsx(@RequestParam(required = false) String station,
                        @RequestParam int year, @RequestParam int quarter,
                        @RequestParam(defaultValue = "STATION") FetchQuarterlyAssessmentQuery.Level level,
                        jakarta.servlet.http.HttpServletResponse response) throws Exception {
        QuarterlyAssessmentResponse report = assessment(station, year, quarter, level);
        String title = year + "年第" + quarter + "季度考核";
        exports.xlsx(response, title, QuarterlyAssessmentResponse.HEADINGS, table -> {
            for (QuarterlyAssessmentResponse.Row row : report.rows()) {
                table.row(Arrays.asList(row.key(), row.name(), row.stationCode(), row.volume(),
                        row.declined(), row.completed(), row.onTimeRate(), row.consultationsDue(),
                        row.consultationTimelinessRate(), row.breaches(), row.evaluations(),
                        row.satisfactionRate(), row.poorGrades(), row.rectificationsOpen(),
                        row.rectificationsDone(), row.rectificationsLate(), row.trainings(),
                        row.complaints(), row.complaintTimelinessRate(), row.homeVisits(), row.lateHomeVisits(),
                        row.volumeByClientCategory().entrySet().stream().map(e -> e.getKey() + "：" + e.getValue())
                                .collect(java.util.stream.Collectors.joining("；")),
                        row.clientEvaluations(),
                        row.clientSatisfactionRate(), row.staffEvaluations(), row.staffSatisfactionRate(),
                        row.poorGradeFollowUps(), row.transfersRefused(), row.delivered(), row.evaluatedRate(),
                        row.complaintsByChannel() == null ? null : row.complaintsByChannel().entrySet().stream()
                                .map(e -> channelLabel(e.getKey()) + "：" + e.getValue())
                                .collect(java.util.stream.Collectors.joining("；"))));
            }
        });
    }

    /** A complaint channel by its label (监督电话, 12345热线 …); an unknown name as it is. */
    private static String channelLabel(String name) {
        try {
            return cn.daiban.kernel.complaint.ComplaintChannel.valueOf(name).label();
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
