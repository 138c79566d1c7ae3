package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * An entry of the matter's work log (工作日志, {@link WorkLogEntryKind}): when it happened ({@code occurredAt}; now when
 * absent), what ({@code summary}), and by kind: a problem's {@code analysis} and {@code resolution}; the approving
 * {@code department} (required for {@link WorkLogEntryKind#COORDINATION}) and whom there ({@code contact}). A later
 * entry may resolve an earlier problem left open ({@code resolves}: that entry's number; it then carries the
 * {@code resolution}). Who recorded it is the signed-in member of staff.
 */
public record RecordWorkLogEntryCommand(
        @TargetAggregateIdentifier DelegationId delegationId,
        WorkLogEntryKind kind,
        Instant occurredAt,
        String summary,
        String analysis,
        String resolution,
        String department,
        String contact,
        Integer resolves) implements DelegationTargeted {

    public RecordWorkLogEntryCommand {
        Require.present(delegationId, "delegationId");
        Require.present(kind, "kind");
        summary = Require.text(summary, "summary", 1000);
        analysis = Require.optionalText(analysis, "analysis", 1000);
        resolution = Require.optionalText(resolution, "resolution", 1000);
        department = Require.optionalText(department, "department", 64);
        contact = Require.optionalText(contact, "contact", 64);
        if (kind == WorkLogEntryKind.COORDINATION && department == null) {
            throw new InvalidValueException("department",
                    "names the approving department the matter was discussed with (与有关审批部门沟通)");
        }
        if (resolves != null) {
            Require.between(resolves, 1, 100_000, "resolves");
            if (resolution == null) {
                throw new InvalidValueException("resolution", "is required when the entry resolves an earlier problem");
            }
        }
    }
}
