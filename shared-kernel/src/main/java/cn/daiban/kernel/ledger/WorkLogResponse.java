package cn.daiban.kernel.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A page of the work log (工作日志) and how many entries match. */
public record WorkLogResponse(List<Row> rows, int page, int size, long totalRows) {

    /**
     * One entry with its matter (station, item, client): its number in the matter, what kind, what happened, a
     * problem's analysis and resolution, the department and whom there; {@code resolves} the problem it resolved,
     * {@code resolvedBy} the later entry that resolved it; {@code open} for a problem not resolved yet on a matter not
     * archived (one still unresolved at the archive is closed, no longer open),
     * {@code resolvedOn} the day it was resolved; who recorded it and when ({@code recordedAt}, later than
     * {@code occurredAt} for an entry written after the fact).
     */
    public record Row(long serial, LocalDate date, String stationCode, String stationName, String delegationId,
                      String itemName, String clientName, int number, String kind, String summary, String analysis,
                      String resolution, String department, String contact, Integer resolves, Integer resolvedBy,
                      LocalDate resolvedOn, boolean open, String recordedBy, Instant occurredAt, Instant recordedAt) {
    }

    public static final List<String> HEADINGS = List.of("序号", "日期", "站点", "办件编号", "记录编号", "申请事项", "服务对象",
            "类别", "情况记录", "原因分析", "处理结果", "沟通部门", "对接人员", "所解决的问题（记录编号）", "是否已解决",
            "解决记录（记录编号）", "解决日期", "记录人", "记录时间");
}
