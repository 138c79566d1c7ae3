package cn.daiban.kernel.catalogue;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ServiceItemPublishedEvent(ServiceItemCode code, int revision, ServiceItemDefinition definition, boolean sample) {
}
