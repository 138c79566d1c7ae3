package cn.daiban.query.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the client of a proxy hears how it stands ({@code daiban.progress.*}; 002 代办·承办
 * 服务人员需定期向服务对象提供进度报告).
 *
 * @param reportEveryWorkingDays the working days a proxy in hand may go without its client hearing from the station
 *                               (a progress report, or a supplement received, a continuation); from the next working
 *                               day it is flagged. Assumption, named: the seed says 定期 and gives no interval; five
 *                               working days is a report a week, and a county centre sets its own here.
 */
@ConfigurationProperties("daiban.progress")
public record ProgressProperties(@DefaultValue("5") int reportEveryWorkingDays) {

    public ProgressProperties {
        if (reportEveryWorkingDays < 1 || reportEveryWorkingDays > 60) {
            throw new IllegalStateException("daiban.progress.report-every-working-days must be from 1 to 60");
        }
    }
}
