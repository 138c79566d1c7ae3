package cn.daiban.query.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The sender is one setting away: {@code daiban.notifications.sender=log} (default) or {@code sms-gateway}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationConfiguration {

    @Bean
    NotificationSender notificationSender(NotificationProperties properties, JdbcTemplate jdbc) {
        return switch (properties.sender()) {
            case "log" -> new LogNotificationSender(jdbc);
            case "sms-gateway" -> {
                if (properties.gatewayUrl() == null) {
                    throw new IllegalStateException("daiban.notifications.gateway-url is required for the sms-gateway sender");
                }
                yield new SmsGatewaySender(properties.gatewayUrl());
            }
            default -> throw new IllegalStateException("unknown daiban.notifications.sender " + properties.sender()
                    + " (log or sms-gateway)");
        };
    }
}
