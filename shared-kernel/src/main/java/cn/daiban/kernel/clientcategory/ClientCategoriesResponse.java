package cn.daiban.kernel.clientcategory;

import java.util.List;

/** The client-category list: each category with its label and the seed's type it belongs to. */
public record ClientCategoriesResponse(List<Category> categories) {

    public record Category(String code, String label, String group, String groupLabel, boolean sample) {
    }
}
