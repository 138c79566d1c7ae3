package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.Require;

public record FetchServiceItemQuery(ServiceItemCode code) {

    public FetchServiceItemQuery {
        Require.present(code, "code");
    }
}
