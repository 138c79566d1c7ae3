package cn.daiban.query.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The client's own grade through their invitation ({@code daiban.evaluation.*}, 一事一评 `003 三(二)3`).
 *
 * @param link         the link sent in the invitation and its reminder; {@code {code}} is replaced by the one-time
 *                     code (assumption: a page of the service centre's website or app posts the grade to the command
 *                     side's {@code POST /api/public/evaluations}; the default points at the API itself)
 * @param codeValidity how long a code is valid after it is sent
 */
@ConfigurationProperties("daiban.evaluation")
public record EvaluationInvitationProperties(
        @DefaultValue("http://localhost:8080/api/public/evaluations?code={code}") String link,
        @DefaultValue("15d") Duration codeValidity) {

    public EvaluationInvitationProperties {
        if (!link.contains("code={code}")) {
            // The link is masked after sending by its code= parameter (EvaluationCodes.redact).
            throw new IllegalStateException("daiban.evaluation.link must carry the code as code={code}");
        }
    }
}
