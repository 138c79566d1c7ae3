package cn.daiban.query.notification;

import cn.daiban.security.privacy.Mask;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The default sender: records the delivery in {@code notification_delivery} (in the transaction that marks the
 * notification sent, so exactly once) and logs the delivery, once, with the phone number masked.
 * <p>
 * The line is written once that transaction has committed, not before: a node killed between the delivery and the
 * commit (the row rolled back, the notification due again and delivered by the next node) logged a delivery that
 * did not count, and the log then showed it twice. A crash between the commit and the line now leaves the line out;
 * {@code notification_delivery} is the record. Without a transaction (not how the dispatcher calls it) it logs at once.
 */
class LogNotificationSender implements NotificationSender {

    private static final Logger log = LoggerFactory.getLogger(LogNotificationSender.class);

    private final JdbcTemplate jdbc;

    LogNotificationSender(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void send(String notificationId, String phone, String sent) {
        // An evaluation link's one-time code is for the client alone: kept and logged masked.
        String text = cn.daiban.security.invitation.EvaluationCodes.redact(sent);
        int delivered = jdbc.update("""
                insert into notification_delivery (notification_id, phone, text, delivered_at) values (?, ?, ?, ?)
                on conflict (notification_id) do nothing""", notificationId, Mask.phone(phone), text, Timestamp.from(Instant.now()));
        if (delivered != 1) {
            return;
        }
        Runnable line = () -> log.info("notification {} delivered to {}: {}", notificationId, Mask.phone(phone), text);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    line.run();
                }
            });
        } else {
            line.run();
        }
    }
}
