package cn.daiban.kernel.dashboard;

import java.time.LocalDate;
import java.util.List;

/** The supplement requests that broke 一次性告知, each with the matter it was made on and the justification given. */
public record OneTimeNoticeBreachesResponse(List<Row> breaches) {

    /**
     * @param requestNumber the request's number on its matter (2 or more: the first lists everything at once)
     * @param materials     the materials the request asked for, by name
     * @param justification what the agent gave as the reason the first request did not list them (may be absent)
     */
    public record Row(String delegationId, String stationCode, String itemName, String handlerName,
                      LocalDate receivedOn, int requestNumber, LocalDate requestedOn, List<String> materials,
                      String justification) {
    }
}
