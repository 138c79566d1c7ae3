package cn.daiban.kernel.clientcategory;

import org.axonframework.serialization.Revision;

/** A category was added to the client-category list. */
@Revision("1")
public record ClientCategoryDefinedEvent(ClientCategoryCode code, String label, ClientCategoryGroup group,
                                         boolean sample) {
}
