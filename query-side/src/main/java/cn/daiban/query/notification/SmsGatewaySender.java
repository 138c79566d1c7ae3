package cn.daiban.query.notification;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.util.Map;

/**
 * Sends through an SMS gateway over HTTP ({@code daiban.notifications.sender=sms-gateway}, {@code gateway-url}):
 * a JSON POST of phone and text, with the notification id as the gateway's idempotency key so a retry after a lost
 * answer is not delivered twice. Any non-2xx answer is a failed attempt.
 */
class SmsGatewaySender implements NotificationSender {

    private final RestClient client;

    SmsGatewaySender(String gatewayUrl) {
        this.client = RestClient.builder().baseUrl(gatewayUrl).build();
    }

    @Override
    public void send(String notificationId, String phone, String text) {
        client.post()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", notificationId)
                .body(Map.of("phone", phone, "text", text))
                .retrieve()
                .toBodilessEntity();
    }
}
