package cn.daiban.kernel.clientcategory;

/** The client-category list (`002 服务对象`), in code order. */
public record FetchClientCategoriesQuery() {
}
