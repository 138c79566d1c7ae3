package cn.daiban.command.web;

import cn.daiban.kernel.delegation.DelegationId;
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

    DelegationDocumentController(DelegationDocuments documents, CommandPolicy policy) {
        this.documents = documents;
        this.policy = policy;
    }

    @GetMapping(value = "/{id}/documents/{document}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "A printable document of the delegation")
    String document(@PathVariable String id,
                    @Parameter(schema = @Schema(allowableValues = {"acceptance-form", "supplement-notice",
                            "suspension-notice", "closing-notice"})) @PathVariable String document) {
        DelegationId delegationId = DelegationId.of(id);
        policy.checkRead(cn.daiban.security.User.require(), delegationId.value());
        return documents.render(delegationId.value(), document)
                .orElseThrow(() -> new NoSuchDelegationException(delegationId));
    }
}
