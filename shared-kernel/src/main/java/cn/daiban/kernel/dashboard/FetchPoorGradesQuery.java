package cn.daiban.kernel.dashboard;

import cn.daiban.kernel.common.Require;

/** Poor grades (不满意, 非常不满意) in a scope, with their follow-up and rectification, and grades voided on appeal. */
public record FetchPoorGradesQuery(Scope scope) {

    public FetchPoorGradesQuery {
        Require.present(scope, "scope");
    }
}
