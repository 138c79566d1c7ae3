package cn.daiban.kernel.ledger;

import java.util.List;

/** A page of the assist or proxy register. */
public record RegisterResponse(String kind, List<Row> rows, int page, int size, long totalRows) {

    /** 序号, 事项名称, 受理理由, 办理方式, 办理时间, 办理结果, 申请人, 评价, 备注. */
    public record Row(long serial, String itemName, String acceptanceReason, String handlingMode, String handlingTime,
                      String result, String applicant, String evaluation, String remark, String delegationId) {
    }

    public static final List<String> HEADINGS = List.of("序号", "事项名称", "受理理由", "办理方式", "办理时间", "办理结果",
            "申请人", "评价", "备注");
}
