package cn.daiban.kernel.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A page of the work ledger. Each row has exactly the columns of `004 附录D`, plus ids to follow it up. */
public record WorkLedgerResponse(List<Row> rows, int page, int size, long totalRows) {

    /**
     * 序号, 时间, 便民服务站名称, 窗口, 事项所属, 姓名, 联系方式, 申请事项, 受理与否, 办理时限, 办件状态, 退件原因,
     * 接件时间, 当日办结时间, 受理人员, 备注.
     */
    public record Row(long serial, LocalDate date, String stationName, String window, String department,
                      String clientName, String clientPhone, String itemName, boolean accepted,
                      Integer timeLimitWorkingDays, String status, String declineReason, Instant receivedAt,
                      Instant sameDayCompletedAt, String agentId, String remark,
                      String delegationId, String stationCode, String kind,
                      // Added at the end: 受理人员 is the first receiver, by name (003 三(五)), who stays after a
                      // reassignment; agentId above is the agent handling the matter now.
                      String receiver, String receiverId,
                      // Added at the end: the promised date (办理时限) reaches into a year whose working-day calendar
                      // is not loaded yet; computed on weekends alone until it is (DOMAIN.md "Time"). 备注 says so too.
                      boolean deadlineProvisional) {
    }

    public static final List<String> HEADINGS = List.of("序号", "时间", "便民服务站名称", "窗口", "事项所属", "姓名",
            "联系方式", "申请事项", "受理与否", "办理时限", "办件状态", "退件原因", "接件时间", "当日办结时间", "受理人员",
            "备注");
}
