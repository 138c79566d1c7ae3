package cn.daiban.command.infrastructure;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class EventStreamConflictResolverTest {

    private final EventStreamConflictResolver resolver = new EventStreamConflictResolver();

    private static SQLException postgres(String constraint, String sqlState) {
        return new SQLException("ERROR: duplicate key value violates unique constraint \"" + constraint + "\"\n"
                + "  Detail: Key (aggregate_identifier, sequence_number)=(D-1, 3) already exists.", sqlState);
    }

    @Test
    void aTakenStreamPositionIsADuplicateKey() {
        assertThat(resolver.isDuplicateKeyViolation(postgres("domain_event_entry_aggregate_sequence", "23505")))
                .isTrue();
    }

    @Test
    void foundDownTheCauseChainAndInABatchsNextException() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 insert into domain_event_entry … was "
                + "aborted. Call getNextException to see other errors in the batch.", "23505", 0, new int[0], null);
        batch.setNextException(postgres("domain_event_entry_aggregate_sequence", "23505"));
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException("append failed", batch))).isTrue();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("wrapped",
                new RuntimeException(postgres("domain_event_entry_aggregate_sequence", "23505"))))).isTrue();
    }

    @Test
    void anotherUniqueConstraintIsNotALostRace() {
        assertThat(resolver.isDuplicateKeyViolation(postgres("domain_event_entry_event_identifier_key", "23505")))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(postgres("idempotency_record_pkey", "23505"))).isFalse();
    }

    @Test
    void anotherSqlStateOrNoSqlExceptionIsNotADuplicateKey() {
        // 23503: foreign key violation naming the same table; 08006: the connection broke.
        assertThat(resolver.isDuplicateKeyViolation(postgres("domain_event_entry_aggregate_sequence", "23503")))
                .isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new SQLException("I/O error", "08006"))).isFalse();
        assertThat(resolver.isDuplicateKeyViolation(new IllegalStateException("domain_event_entry_aggregate_sequence")))
                .isFalse();
    }

    @Test
    void aCyclicCauseChainEnds() {
        SQLException first = new SQLException("first", "XX000");
        SQLException second = new SQLException("second", "XX000", first);
        first.initCause(second);
        assertThat(resolver.isDuplicateKeyViolation(first)).isFalse();
    }
}
