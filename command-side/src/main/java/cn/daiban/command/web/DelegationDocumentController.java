package cn.daiban.command.web;

import cn.daiban.security.User;
import cn.daiban.security.privacy.PersonalDataAccessLog;
import java.util.Optional;

import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.station.StationCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The only reads on the command side: the printable documents the steps issue. */
@RestController
@RequestMapping("/api/delegations")
@Tag(name = "Delegation documents", description = "受理单, 一次性告知单, 中止单, 办结单 / 终止单 as printable HTML")
class DelegationDocumentController {

    private final DelegationDocuments documents;
    private final CommandPolicy policy;
    private final PersonalDataAccessLog accessLog;

    DelegationDocumentController(DelegationDocuments documents, CommandPolicy policy, PersonalDataAccessLog accessLog) {
        this.documents = documents;
        this.policy = policy;
        this.accessLog = accessLog;
    }

    @GetMapping(value = "/{id}/documents/{document}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "A printable document of the delegation")
    String document(@PathVariable String id,
                    @Parameter(schema = @Schema(allowableValues = {"acceptance-form", "supplement-notice",
                            "suspension-notice", "closing-notice"})) @PathVariable String document) {
        DelegationId delegationId = DelegationId.of(id);
        User reader = User.require();
        Optional<StationCode> station = policy.checkRead(reader, delegationId);
        // 002 廉洁服务: the client's resident ID and phone in full only on the logged personal-data path (the rule of
        // the query side's /api/personal-data: the station's own staff, who print it for the client, and
        // administrators); every such read is recorded. Anyone else allowed to read the document (a supervisor over
        // the station) sees them masked, and nothing personal in full is read, so nothing is recorded.
        boolean full = policy.readsPersonalDataInFull(reader, station);
        String rendered = documents.render(delegationId.value(), document,
                        full ? DelegationDocuments.Disclosure.FULL : DelegationDocuments.Disclosure.MASKED)
                .orElseThrow(() -> new NoSuchDelegationException(delegationId));
        if (full) {
            accessLog.record(reader, delegationId.value(), station.map(StationCode::value).orElse(null),
                    "document:" + document);
        }
        return rendered;
    }
}
