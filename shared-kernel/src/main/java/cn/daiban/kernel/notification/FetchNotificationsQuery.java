package cn.daiban.kernel.notification;

import cn.daiban.kernel.common.Require;

/** The notifications of one delegation, booking or complaint, with every sending attempt. */
public record FetchNotificationsQuery(String subjectId) {

    public FetchNotificationsQuery {
        subjectId = Require.text(subjectId, "subjectId", 36);
    }
}
