package cn.daiban.command.infrastructure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the command side loads on start when it is missing ({@code daiban.seed.*}): the shipped working-day
 * calendar years, the starter service-item catalogue and the client categories the seed names (`002 服务对象`)
 * (sample data, marked as such in their events).
 */
@ConfigurationProperties("daiban.seed")
public record SeedProperties(@DefaultValue("true") boolean calendar, @DefaultValue("true") boolean catalogue,
                             @DefaultValue("true") boolean clientCategories) {
}
