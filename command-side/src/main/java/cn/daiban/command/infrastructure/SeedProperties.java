package cn.daiban.command.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the command side loads on start when it is missing ({@code daiban.seed.*}): the shipped working-day
 * calendar years and the starter service-item catalogue (sample data, marked as such in its events).
 */
@ConfigurationProperties("daiban.seed")
public record SeedProperties(@DefaultValue("true") boolean calendar, @DefaultValue("true") boolean catalogue) {
}
