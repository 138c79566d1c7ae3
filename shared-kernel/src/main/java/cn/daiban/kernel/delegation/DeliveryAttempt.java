package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;

import java.time.Instant;

/**
 * One try to hand a result over that did not reach the client (`004 §6.3.3.3` 及时送达): when, how the client was
 * sought ({@link ProgressChannel}: a call, a text, a visit; a returned parcel is {@code OTHER}) and what came of it.
 */
public record DeliveryAttempt(Instant at, ProgressChannel channel, String outcome) {

    public DeliveryAttempt {
        Require.present(at, "attempts.at");
        Require.present(channel, "attempts.channel");
        outcome = Require.text(outcome, "attempts.outcome", 200);
    }
}
