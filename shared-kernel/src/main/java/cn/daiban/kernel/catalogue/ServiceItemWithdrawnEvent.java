package cn.daiban.kernel.catalogue;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ServiceItemWithdrawnEvent(ServiceItemCode code, int revision, String reason) {
}
