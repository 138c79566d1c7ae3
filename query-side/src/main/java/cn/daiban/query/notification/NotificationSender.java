package cn.daiban.query.notification;

/**
 * Sends one notification. Called inside the transaction that marks it sent; an exception counts as a failed
 * attempt and it is retried with backoff. A sender given the same {@code notificationId} twice must not deliver
 * twice (the id is the delivery's idempotency key).
 */
public interface NotificationSender {

    void send(String notificationId, String phone, String text) throws Exception;
}
