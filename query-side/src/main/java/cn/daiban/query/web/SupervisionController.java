package cn.daiban.query.web;

import cn.daiban.query.ledger.SupervisionQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** The supervision unit's own instruments (`004 §6.2.2`, `004 §6.2.4`, `004 §7.2.2`): station-scoped like the other supervision lists. */
@RestController
@Tag(name = "Dashboards and supervision", description = "站点看板, 满意度, 电子监察 flags, live updates")
class SupervisionController {

    private final SupervisionQueries queries;

    SupervisionController(SupervisionQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/supervision/rectifications")
    @Operation(summary = "Rectifications after a poor grade, oldest first with their age in days (督促、跟踪、复查, "
            + "004 §7.2.2); by default those not closed: OPEN, OVERDUE, AWAITING_RECHECK")
    SupervisionQueries.RectificationsResponse rectifications(@RequestParam(required = false) String station,
                                                             @RequestParam(defaultValue = "true") boolean rollUp,
                                                             @RequestParam(required = false) String status) {
        return queries.rectifications(station, rollUp, status);
    }

    @GetMapping("/api/supervision/ledger-completeness")
    @Operation(summary = "Matters whose work-ledger row (004 附录D) misses a required value, with the headings "
            + "missing, by the day received (004 §6.2.4)")
    SupervisionQueries.LedgerCompletenessResponse ledgerCompleteness(
            @RequestParam(required = false) String station, @RequestParam(defaultValue = "true") boolean rollUp,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return queries.ledgerCompleteness(station, rollUp, from, to);
    }

    @GetMapping("/api/supervision/openness")
    @Operation(summary = "信息公开透明度 (004 §6.2.2): per open station, of the items it lists how many the public "
            + "guide shows whole (published, with 申请条件, 办事流程 and 设定依据), the rate, and what each other item misses")
    SupervisionQueries.OpennessResponse openness(@RequestParam(required = false) String station,
                                                 @RequestParam(defaultValue = "true") boolean rollUp) {
        return queries.openness(station, rollUp);
    }

    @GetMapping("/api/supervision/demand")
    @Operation(summary = "群众高频次的办事需求 (001 §7.1.2): the matters consultations asked about in the period (by "
            + "default the 90 days to today), most asked first, with how often each was asked where the station's list "
            + "did not offer it, at which stations, and how often it led to a commissioned matter")
    SupervisionQueries.DemandResponse demand(
            @RequestParam(required = false) String station, @RequestParam(defaultValue = "true") boolean rollUp,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return queries.demand(station, rollUp, from, to);
    }
}
