package cn.daiban.query.notification;

import cn.daiban.security.privacy.Mask;

import cn.daiban.kernel.notification.FetchNotificationsQuery;
import cn.daiban.kernel.notification.NotificationsResponse;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Component
class NotificationQueries {

    private final JdbcTemplate jdbc;

    NotificationQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    @Transactional(readOnly = true)
    NotificationsResponse handle(FetchNotificationsQuery query) {
        Map<String, List<NotificationsResponse.Attempt>> attempts = new LinkedHashMap<>();
        jdbc.query("""
                        select a.* from notification_attempt a join notification_outbox o on o.id = a.notification_id
                        where o.subject_id = ? order by a.notification_id, a.attempt""",
                rs -> {
                    attempts.computeIfAbsent(rs.getString("notification_id"), id -> new ArrayList<>())
                            .add(new NotificationsResponse.Attempt(rs.getInt("attempt"), rs.getTimestamp("at").toInstant(),
                                    rs.getString("outcome"), rs.getString("error")));
                }, query.subjectId());
        List<NotificationsResponse.Notification> notifications = jdbc.query("""
                        select * from notification_outbox where subject_id = ? order by created_at, id""",
                (rs, n) -> {
                    Timestamp sent = rs.getTimestamp("sent_at");
                    return new NotificationsResponse.Notification(rs.getString("id"), rs.getString("template"),
                            Mask.phone(rs.getString("phone")), rs.getString("text_zh"),
                            rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant(),
                            sent == null ? null : sent.toInstant(), rs.getString("last_error"),
                            attempts.getOrDefault(rs.getString("id"), List.of()));
                }, query.subjectId());
        return new NotificationsResponse(query.subjectId(), notifications);
    }
}
