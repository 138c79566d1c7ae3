package cn.daiban.command.web;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.GradeByInvitationCommand;
import cn.daiban.kernel.delegation.SatisfactionGrade;
import cn.daiban.security.invitation.EvaluationCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The client grades the matter themselves (一事一评, `003 三(二)3`, 国办发〔2019〕51号), without a login: the one-time
 * code of their evaluation invitation is the proof. In one transaction the code's row is locked, checked (known,
 * not used, not expired), the grade recorded with channel CLIENT and the code marked used: a refused grade leaves the
 * code unused, a recorded one leaves it used. Only the code's SHA-256 hash is stored (see {@link EvaluationCodes}).
 *
 * <p>Rules: {@code evaluation-code-unknown} (422, field {@code code}), {@code evaluation-code-used} (409),
 * {@code evaluation-code-expired} (422, field {@code code}); then the matter's own (e.g. one-evaluation-per-matter
 * when staff already typed a grade in). The events' actor is {@code client} (the client holds no account).
 */
@RestController
@Tag(name = "Public", description = "The client's own grade through their invitation, without a login")
@SecurityRequirements
class ClientEvaluationController {

    static final String UNKNOWN = "evaluation-code-unknown";
    static final String USED = "evaluation-code-used";
    static final String EXPIRED = "evaluation-code-expired";
    /** The actor recorded in the metadata of a grade the client entered. */
    static final String CLIENT_ACTOR = "client";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CommandGateway commands;

    ClientEvaluationController(JdbcTemplate jdbc, TransactionTemplate transaction, CommandGateway commands) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.commands = commands;
    }

    record ClientGrade(String code, SatisfactionGrade overall, SatisfactionGrade attitude, SatisfactionGrade quality,
                       SatisfactionGrade efficiency, String comment) {
    }

    record Recorded(String channel, String detail) {
    }

    @PostMapping("/api/public/evaluations")
    @Operation(summary = "The client's own grade with the one-time code of their invitation: overall, attitude, "
            + "quality, efficiency, comment; once, before the code expires")
    Recorded grade(@RequestBody ClientGrade body,
                   @RequestHeader(value = "X-Correlation-Id", required = false) String correlationId) {
        if (body.code() == null || body.code().isBlank() || body.code().length() > 64) {
            throw DomainRuleException.ruleViolated(UNKNOWN, "code", "no evaluation invitation has this code");
        }
        String hash = EvaluationCodes.hash(body.code().trim());
        transaction.executeWithoutResult(status -> {
            Map<String, Object> row = jdbc.query("""
                            select delegation_id, expires_at, used_at from evaluation_code where code_hash = ?
                            for update""",
                    rs -> rs.next() ? Map.<String, Object>of("delegation", rs.getString(1),
                            "expires", rs.getTimestamp(2).toInstant(),
                            "used", rs.getTimestamp(3) != null) : null, hash);
            if (row == null) {
                throw DomainRuleException.ruleViolated(UNKNOWN, "code", "no evaluation invitation has this code");
            }
            if ((Boolean) row.get("used")) {
                throw DomainRuleException.illegalTransition(USED, "this invitation's code has been used already: "
                        + "one grade per matter (一事一评)");
            }
            if (!Instant.now().isBefore((Instant) row.get("expires"))) {
                throw DomainRuleException.ruleViolated(EXPIRED, "code", "this invitation's code expired on "
                        + row.get("expires"));
            }
            GradeByInvitationCommand command = new GradeByInvitationCommand(
                    DelegationId.of((String) row.get("delegation")), body.overall(), body.attitude(), body.quality(),
                    body.efficiency(), body.comment());
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(
                    MetadataKeys.ACTOR_ID, CLIENT_ACTOR,
                    MetadataKeys.CORRELATION_ID, correlationId != null ? correlationId : UUID.randomUUID().toString())));
            jdbc.update("update evaluation_code set used_at = ? where code_hash = ?", Timestamp.from(Instant.now()),
                    hash);
        });
        return new Recorded("CLIENT", "thank you: your grade is recorded (感谢您的评价)");
    }
}
