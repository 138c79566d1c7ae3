package cn.daiban.command.infrastructure;

import cn.daiban.command.complaint.ComplaintPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The complaint time limit ({@code daiban.complaint.*}). */
@ConfigurationProperties("daiban.complaint")
public record ComplaintProperties(@DefaultValue("5") int timeLimitWorkingDays, @DefaultValue("1") int warningWorkingDays) {

    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        ComplaintPolicy complaintPolicy(ComplaintProperties properties) {
            return new ComplaintPolicy(properties.timeLimitWorkingDays(), properties.warningWorkingDays());
        }
    }
}
