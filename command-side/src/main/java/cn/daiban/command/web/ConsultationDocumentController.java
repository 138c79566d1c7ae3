package cn.daiban.command.web;

import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.security.User;
import cn.daiban.security.privacy.PersonalDataAccessLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** The printable document a consultation's pre-check issues: the one-time notice (一次性告知单). */
@RestController
@RequestMapping("/api/consultations")
@Tag(name = "Consultation documents", description = "一次性告知单 as printable HTML")
class ConsultationDocumentController {

    private final DelegationDocuments documents;
    private final CommandPolicy policy;
    private final PersonalDataAccessLog accessLog;

    ConsultationDocumentController(DelegationDocuments documents, CommandPolicy policy,
                                   PersonalDataAccessLog accessLog) {
        this.documents = documents;
        this.policy = policy;
        this.accessLog = accessLog;
    }

    @GetMapping(value = "/{id}/documents/{document}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "A printable document of the consultation: the one-time notice of its latest pre-check")
    String document(@PathVariable String id,
                    @Parameter(schema = @Schema(allowableValues = {"one-time-notice"})) @PathVariable String document) {
        ConsultationId consultationId = ConsultationId.of(id);
        if (!"one-time-notice".equals(document)) {
            throw new DelegationDocuments.UnknownDocumentException(document);
        }
        User reader = User.require();
        Optional<StationCode> station = policy.checkRead(reader, consultationId);
        String rendered = documents.oneTimeNotice(consultationId.value())
                .orElseThrow(() -> new NoSuchDelegationException.NoSuchConsultation(consultationId));
        // The notice names the visitor: reading it is recorded, like the delegation's documents.
        accessLog.record(reader, consultationId.value(), station.map(StationCode::value).orElse(null),
                "document:" + document);
        return rendered;
    }
}
