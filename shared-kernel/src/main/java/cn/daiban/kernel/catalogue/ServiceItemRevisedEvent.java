package cn.daiban.kernel.catalogue;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ServiceItemRevisedEvent(ServiceItemCode code, int revision, ServiceItemDefinition definition, String reason) {
}
