package cn.daiban.kernel.clientcategory;

import cn.daiban.kernel.common.Require;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** A client category's code in the reference list (e.g. ELDERLY, MILITARY); see {@link ClientCategoryGroup}. */
public record ClientCategoryCode(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

    public ClientCategoryCode {
        Require.matching(value, FORMAT, "clientCategories", "must be 2 to 32 upper-case letters, digits or underscores");
    }

    @JsonCreator
    public static ClientCategoryCode of(String value) {
        return new ClientCategoryCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
