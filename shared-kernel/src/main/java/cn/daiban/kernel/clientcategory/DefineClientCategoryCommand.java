package cn.daiban.kernel.clientcategory;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Add a category to the client-category list (`002 服务对象`); {@code sample} marks the shipped starter list. */
public record DefineClientCategoryCommand(@TargetAggregateIdentifier ClientCategoryCode code, String label,
                                          ClientCategoryGroup group, boolean sample) {

    public DefineClientCategoryCommand {
        Require.present(code, "code");
        label = Require.text(label, "label", 50);
        Require.present(group, "group");
    }
}
