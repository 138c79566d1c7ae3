package cn.daiban.command.complaint;

/**
 * The complaint time limit ({@code daiban.complaint.*}): feedback due this many working days after acceptance,
 * with a warning this many working days before.
 */
public record ComplaintPolicy(int timeLimitWorkingDays, int warningWorkingDays) {

    public static ComplaintPolicy defaults() {
        return new ComplaintPolicy(5, 1);
    }
}
