package cn.daiban.query.web;

import cn.daiban.kernel.complaint.ComplaintRegisterResponse;
import cn.daiban.kernel.complaint.FetchComplaintRegisterQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

@RestController
@Tag(name = "Complaints", description = "投诉登记: the complaint register with time limits and timeliness")
class ComplaintQueryController {

    private final QueryGateway queries;

    ComplaintQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/complaints")
    @Operation(summary = "The complaint register of a station (rolled up by default)")
    ComplaintRegisterResponse register(@RequestParam(required = false) String station,
                                       @RequestParam(defaultValue = "true") boolean rollUp,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        return queries.query(new FetchComplaintRegisterQuery(station, station != null && rollUp, from, to, page, size),
                ResponseTypes.instanceOf(ComplaintRegisterResponse.class)).join();
    }
}
