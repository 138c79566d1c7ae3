package cn.daiban.kernel.complaint;

import java.time.LocalDate;
import java.util.List;

public record ComplaintRegisterResponse(List<Row> rows, int page, int size, long totalRows) {

    /** {@code stage}: RECEIVED, ACCEPTED, DECLINED, INVESTIGATED, HANDLED, ANSWERED, CLOSED. */
    public record Row(String complaintId, String stationCode, String agentId, String delegationId, String channel,
                      String complainantName, String contact, String content, LocalDate receivedOn, String stage,
                      LocalDate dueDate, String declineReason, String finding, String measures, LocalDate answeredOn,
                      Boolean inTime, boolean overdue, LocalDate closedOn) {
    }
}
