package cn.daiban.query.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Client notifications ({@code daiban.notifications.*}).
 *
 * @param sender        {@code log} (default: a delivery table and the log, phone masked) or {@code sms-gateway}
 * @param gatewayUrl    the SMS gateway's endpoint when {@code sender = sms-gateway}
 * @param templateDir   a directory whose templates_zh / templates_en .properties override the shipped texts
 * @param pollInterval  how often the dispatcher looks for due notifications
 * @param maxAttempts   attempts before a notification is given up as FAILED
 * @param firstBackoff  wait after the first failure; doubled after each further one
 * @param language      the language sent to clients (zh or en); both texts are kept
 * @param batchSize     at most this many notifications are sent per poll
 * @param maxAge        a notification for an event older than this is kept as EXPIRED and not sent
 * @param send          whether this node sends what is due (default); {@code false} keeps the outbox filled on this
 *                      node and leaves sending to the nodes that may reach the gateway (the outbox is locked row by
 *                      row, so any number of sending nodes send each notification once)
 */
@ConfigurationProperties("daiban.notifications")
public record NotificationProperties(@DefaultValue("log") String sender, String gatewayUrl, String templateDir,
                                     @DefaultValue("1s") Duration pollInterval, @DefaultValue("6") int maxAttempts,
                                     @DefaultValue("5s") Duration firstBackoff, @DefaultValue("zh") String language,
                                     @DefaultValue("50") int batchSize,
                                     @DefaultValue("24h") Duration maxAge,
                                     @DefaultValue("true") boolean send) {
}
