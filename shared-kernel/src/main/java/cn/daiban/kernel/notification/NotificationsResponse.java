package cn.daiban.kernel.notification;

import java.time.Instant;
import java.util.List;

public record NotificationsResponse(String subjectId, List<Notification> notifications) {

    /**
     * {@code status}: PENDING, SENT, FAILED (attempts exhausted), CANCELLED (the reminder of a booking cancelled or
     * served early), EXPIRED (produced for an event older than {@code daiban.notifications.max-age}: not sent).
     */
    public record Notification(String id, String template, String phone, String text, String status, int attempts,
                               Instant createdAt, Instant sentAt, String lastError, List<Attempt> attemptLog) {
    }

    public record Attempt(int attempt, Instant at, String outcome, String error) {
    }
}
