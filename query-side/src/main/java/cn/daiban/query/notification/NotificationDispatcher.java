package cn.daiban.query.notification;

import cn.daiban.security.invitation.EvaluationCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Sends due notifications one at a time, each in its own transaction: the row is locked (so two nodes never send
 * the same one), sent, and marked sent with its attempt recorded in that transaction. A failure is recorded and
 * retried after a doubling backoff until the attempts run out; a crash before the commit leaves it due again.
 * A node with {@code daiban.notifications.send=false} sends nothing.
 */
@Component
class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final NotificationSender sender;
    private final NotificationProperties properties;
    private final EvaluationInvitationProperties invitations;

    NotificationDispatcher(JdbcTemplate jdbc, PlatformTransactionManager transactions, NotificationSender sender,
                           NotificationProperties properties, EvaluationInvitationProperties invitations) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.sender = sender;
        this.properties = properties;
        this.invitations = invitations;
    }

    @Scheduled(fixedDelayString = "${daiban.notifications.poll-interval:1s}")
    void dispatchDue() {
        if (!properties.send()) {
            return;
        }
        for (int i = 0; i < properties.batchSize(); i++) {
            Boolean sentOne = transaction.execute(status -> dispatchOne());
            if (!Boolean.TRUE.equals(sentOne)) {
                return;
            }
        }
    }

    /**
     * An evaluation invitation (or its reminder) gets its one-time code only now, as it is sent: a fresh random code
     * whose SHA-256 hash alone is stored, in the command side's {@code evaluation_code} (which checks it), in this
     * transaction; the outbox keeps the text with the placeholder, so the code is in no table and no log. An attempt
     * that fails leaves an unused code to expire; the next attempt sends a new one.
     */
    String withEvaluationLink(String notificationId, String delegationId, String text, Instant now) {
        if (text == null || !text.contains(EvaluationCodes.LINK_PLACEHOLDER)) {
            return text;
        }
        String code = EvaluationCodes.newCode();
        jdbc.update("""
                        insert into command_side.evaluation_code (code_hash, delegation_id, issued_at, expires_at,
                            notification_id) values (?, ?, ?, ?, ?)""",
                EvaluationCodes.hash(code), delegationId, Timestamp.from(now),
                Timestamp.from(now.plus(invitations.codeValidity())), notificationId);
        return text.replace(EvaluationCodes.LINK_PLACEHOLDER, invitations.link().replace("{code}", code));
    }

    /**
     * Why a send failed, as the attempt log shows it: the first message along the causes; a sender that gives none
     * is said so in words (with the kind of failure), never the text "null" (String.valueOf of a missing message).
     */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getMessage().replace('\u0000', ' ');
            }
        }
        return "sending failed without a message (" + failure.getClass().getSimpleName() + ")";
    }

    /** @return whether a due notification was found (sent or not) */
    boolean dispatchOne() {
        // Through a prepared statement (the arguments' variant, with none), so PostgreSQL keeps its plan: sent as plain
        // text, it was planned at every notification (0.14 ms, more than it took to run). The status stays a literal:
        // the partial index on due notifications (V90) matches only it.
        Map<String, Object> row = jdbc.query("""
                        select id, subject_id, phone, text_zh, text_en, attempts from notification_outbox
                        where status = 'PENDING' and next_attempt_at <= now()
                        order by next_attempt_at limit 1 for update skip locked""",
                rs -> rs.next() ? Map.<String, Object>of("id", rs.getString("id"), "phone", rs.getString("phone"),
                        "text", "en".equals(properties.language()) ? rs.getString("text_en") : rs.getString("text_zh"),
                        "attempts", rs.getInt("attempts"), "subject", rs.getString("subject_id")) : null, new Object[0]);
        if (row == null) {
            return false;
        }
        String id = (String) row.get("id");
        int attempt = (Integer) row.get("attempts") + 1;
        Instant now = Instant.now();
        try {
            sender.send(id, (String) row.get("phone"), withEvaluationLink(id, (String) row.get("subject"),
                    (String) row.get("text"), now));
            jdbc.update("update notification_outbox set status = 'SENT', attempts = ?, sent_at = ?, last_error = null where id = ?",
                    attempt, Timestamp.from(now), id);
            jdbc.update("insert into notification_attempt (notification_id, attempt, at, outcome) values (?, ?, ?, 'SENT')",
                    id, attempt, Timestamp.from(now));
        } catch (Exception e) {
            String error = reason(e);
            error = error.length() > 500 ? error.substring(0, 500) : error;
            boolean giveUp = attempt >= properties.maxAttempts();
            Duration backoff = properties.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 16));
            jdbc.update("""
                            update notification_outbox set status = ?, attempts = ?, next_attempt_at = ?, last_error = ?
                            where id = ?""",
                    giveUp ? "FAILED" : "PENDING", attempt, Timestamp.from(now.plus(backoff)), error, id);
            jdbc.update("insert into notification_attempt (notification_id, attempt, at, outcome, error) values (?, ?, ?, 'FAILED', ?)",
                    id, attempt, Timestamp.from(now), error);
            log.warn("notification {} attempt {} failed{}: {}", id, attempt, giveUp ? " (giving up)" : "", error);
        }
        return true;
    }
}
