package cn.daiban.kernel.ledger;

import java.time.LocalDate;
import java.util.List;

public record ConsultationRecordResponse(List<Row> rows, int page, int size, long totalRows) {

    /** Name, contact, content, result, and whether it was answered in time (null while pending). */
    public record Row(long serial, LocalDate date, String stationCode, String visitorName, String contact,
                      String channel, String content, String result, String forwardedTo, LocalDate replyDue,
                      LocalDate answeredOn, Boolean answeredInTime, boolean overdue, String delegationId,
                      String consultationId) {
    }

    public static final List<String> HEADINGS = List.of("序号", "日期", "站点", "姓名", "联系方式", "咨询方式", "咨询内容",
            "答复结果", "转办部门", "答复时限", "答复日期", "是否按时答复", "转为委托");
}
