package cn.daiban.kernel.delegation;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * The result could not be handed over after the {@code attempts} listed and is kept at {@code keptAt} for the client
 * to collect (留存待领), from {@code heldOn}: no longer late for delivery, and archivable without an evaluation.
 */
@Revision("1")
public record ResultHeldForCollectionEvent(DelegationId delegationId, List<DeliveryAttempt> attempts, String keptAt,
                                           LocalDate heldOn) {
}
