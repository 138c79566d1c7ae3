package cn.daiban.command.web;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Remembers the answer to each request that carried an {@code Idempotency-Key}, in the same transaction as the
 * command's events. A second request with the key waits for the first one's transaction (the primary key
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
    Optional<CommandAcknowledgement> claim(String key, String fingerprint) {
        int inserted = jdbc.sql("""
                        insert into idempotency_record (idempotency_key, request_fingerprint, created_at)
                        values (?, ?, now()) on conflict (idempotency_key) do nothing""")
                .params(key, fingerprint)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select request_fingerprint, aggregate_id, aggregate_version, reference
                        from idempotency_record where idempotency_key = ?""")
                .param(key)
                .query((rs, n) -> {
                    if (!rs.getString(1).equals(fingerprint)) {
                        throw new IdempotencyKeyReusedException(key);
                    }
                    return new CommandAcknowledgement(rs.getString(2), rs.getLong(3), rs.getString(4));
                })
                .optional();
    }

    void remember(String key, CommandAcknowledgement acknowledgement) {
        jdbc.sql("""
                        update idempotency_record set aggregate_id = ?, aggregate_version = ?, reference = ?
                        where idempotency_key = ?""")
                .params(acknowledgement.id(), acknowledgement.version(), acknowledgement.reference(), key)
                .update();
    }
}
