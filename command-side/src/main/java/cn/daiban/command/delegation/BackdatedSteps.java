package cn.daiban.command.delegation;

import cn.daiban.kernel.delegation.CommissionDelegationCommand;
import cn.daiban.kernel.delegation.CompleteDelegationCommand;
import cn.daiban.kernel.delegation.DeliverResultCommand;
import cn.daiban.kernel.delegation.ReceiveSupplementCommand;
import cn.daiban.kernel.delegation.ReportProgressCommand;
import cn.daiban.kernel.delegation.RequestSupplementCommand;
import cn.daiban.kernel.delegation.ResumeDelegationCommand;
import cn.daiban.kernel.delegation.SuspendDelegationCommand;

import java.util.Set;

/**
 * The steps of a delegation that may be recorded after the fact (补录): what a village station does at the counter
 * and writes on paper first — taking the matter in, progress told to the client, materials asked for and handed
 * in, a suspension and the continuation, the completion and the delivery. Every other command (a reassignment, an
 * escalation, fees, evaluation …) is either the system's, another level's, or has its own dated fields, and is
 * recorded as it happens. Assumption: this list is what the brief and the seeds name; extending it is adding a
 * class here.
 */
public final class BackdatedSteps {

    static final Set<Class<?>> STEPS = Set.of(CommissionDelegationCommand.class, ReportProgressCommand.class,
            RequestSupplementCommand.class, ReceiveSupplementCommand.class, SuspendDelegationCommand.class,
            ResumeDelegationCommand.class, CompleteDelegationCommand.class, DeliverResultCommand.class);

    private BackdatedSteps() {
    }

    /** Whether {@code command} is a step that may carry the moment it happened. */
    public static boolean accepts(Object command) {
        return command != null && STEPS.contains(command.getClass());
    }

    /** The rule a command outside {@link #STEPS} breaks when it carries a moment it happened. */
    public static final String RULE = DelegationRules.BACKDATED_STEP;
}
