package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.DelegationId;

import java.util.Optional;

/**
 * How an earlier matter ended, for a re-application that names it (`001 §6.4.2` 对未代办成功的事项…协助重新办理): read
 * from that matter's own events. Empty when no matter has that id.
 */
public interface EarlierMatters {

    Optional<Outcome> outcome(DelegationId id);

    /** Where the earlier matter stands: still being handled, done successfully, or ended without a result. */
    enum Outcome {
        /** Not ended yet (commissioned, in hand, suspended …). */
        OPEN,
        /** Completed with its result. */
        SUCCEEDED,
        /** Completed without a result, terminated or withdrawn, or declined at intake. */
        UNSUCCESSFUL
    }
}
