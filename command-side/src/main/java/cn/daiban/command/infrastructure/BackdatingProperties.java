package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.BackdatingPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Steps recorded after the fact (补录, {@code daiban.backdating.*}); see {@link BackdatingPolicy}.
 *
 * @param maxWorkingDaysBack how many working days back a step may have happened (default 3)
 */
@ConfigurationProperties("daiban.backdating")
public record BackdatingProperties(@DefaultValue("3") int maxWorkingDaysBack) {

    BackdatingPolicy policy() {
        return new BackdatingPolicy(maxWorkingDaysBack);
    }
}
