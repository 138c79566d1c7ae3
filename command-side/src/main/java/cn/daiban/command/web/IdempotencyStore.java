package cn.daiban.command.web;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Remembers the answer to each request that carried an {@code Idempotency-Key}, in the same transaction as the
 * command's events. A key belongs to the user who sent it and the endpoint (method and path) it was sent to: the
 * same key from another user or on another endpoint is another request, never a replay of someone else's answer. A second request with the key waits for the first one's transaction (the primary key
 * insert blocks), then gets its answer; if the first one failed, nothing was remembered and the retry runs.
 */
@Component
class IdempotencyStore {

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims {@code key} for this request, or returns the answer an earlier request with the same key got.
     *
     * @throws IdempotencyKeyReusedException when the key was used for a different request
     */
    Optional<CommandAcknowledgement> claim(String actorId, String endpoint, String key, String fingerprint) {
        int inserted = jdbc.sql("""
                        insert into idempotency_record
                            (actor_id, endpoint, idempotency_key, request_fingerprint, created_at)
                        values (?, ?, ?, ?, now()) on conflict (actor_id, endpoint, idempotency_key) do nothing""")
                .params(actorId, endpoint, key, fingerprint)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select request_fingerprint, aggregate_id, aggregate_version, reference
                        from idempotency_record
                        where actor_id = ? and endpoint = ? and idempotency_key = ?""")
                .params(actorId, endpoint, key)
                .query((rs, n) -> {
                    if (!rs.getString(1).equals(fingerprint)) {
                        throw new IdempotencyKeyReusedException(key);
                    }
                    return new CommandAcknowledgement(rs.getString(2), rs.getLong(3), rs.getString(4));
                })
                .optional();
    }

    void remember(String actorId, String endpoint, String key, CommandAcknowledgement acknowledgement) {
        jdbc.sql("""
                        update idempotency_record set aggregate_id = ?, aggregate_version = ?, reference = ?
                        where actor_id = ? and endpoint = ? and idempotency_key = ?""")
                .params(acknowledgement.id(), acknowledgement.version(), acknowledgement.reference(), actorId,
                        endpoint, key)
                .update();
    }
}
