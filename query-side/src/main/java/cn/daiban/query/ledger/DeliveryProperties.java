package cn.daiban.query.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How soon a completed matter's result reaches its client ({@code daiban.delivery.*}; 004 §6.3.3.3 及时送达, 000 §6.4
 * 办结后及时反馈).
 *
 * @param withinWorkingDays the working days after the day of completion by which the result is delivered (handed
 *                          over, posted, sent as an electronic licence, or, for a matter that failed, its notice and
 *                          materials given back); from the next working day on the matter is flagged. Assumption,
 *                          named: the seeds say 及时 and give no number; three working days leave a client who
 *                          collects in person the rest of the week, and a county centre sets its own here.
 */
@ConfigurationProperties("daiban.delivery")
public record DeliveryProperties(@DefaultValue("3") int withinWorkingDays) {

    public DeliveryProperties {
        if (withinWorkingDays < 0 || withinWorkingDays > 60) {
            // Beyond three months of working days a result is no longer "及时"; the bound also keeps the count sane.
            throw new IllegalStateException("daiban.delivery.within-working-days must be from 0 to 60");
        }
    }
}
