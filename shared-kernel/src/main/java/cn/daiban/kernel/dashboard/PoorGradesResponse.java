package cn.daiban.kernel.dashboard;

import java.time.LocalDate;
import java.util.List;

public record PoorGradesResponse(List<Row> poorGrades, List<Row> voided) {

    /** {@code rectification}: OPEN, OVERDUE (open past its due date), DONE, LATE (done after it), VOIDED, NONE. */
    public record Row(String delegationId, int evaluationNumber, String stationCode, String agentId, String itemCode,
                      String grade, String comment, LocalDate evaluatedOn, String rectification,
                      LocalDate rectificationDue, String voidReason) {
    }
}
