package cn.daiban.security.jdbc;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.Map;

/**
 * What a component read from the database in the current Spring transaction, so that it asks once per transaction
 * rather than at every use: a map made at the first use in a transaction and bound to it.
 *
 * <p>It is emptied whenever what was read may no longer hold for the transaction: when the transaction resumes after
 * a suspension (a {@code REQUIRES_NEW} transaction in between may have committed changes; while suspended the map is
 * set aside, and the transaction in between has one of its own) and when it rolls back to a savepoint (what was read
 * or written after it is undone). It is forgotten when the transaction ends. Outside a transaction there is none, and
 * every use reads. One thread uses a transaction's map, so it needs no lock.
 *
 * @param <K> what is looked up
 * @param <V> what was read for it
 */
public final class TransactionMemo<K, V> {

    /** The key of this memo's map among the transaction's resources. */
    private final Object key = new Object();

    /** The current transaction's map, made at its first use; null outside a transaction. */
    @SuppressWarnings("unchecked")
    public Map<K, V> current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Object bound = TransactionSynchronizationManager.getResource(key);
        if (bound != null) {
            return (Map<K, V>) bound;
        }
        Map<K, V> memo = new HashMap<>();
        TransactionSynchronizationManager.bindResource(key, memo);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }

            @Override
            public void resume() {
                memo.clear();
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
                TransactionSynchronizationManager.bindResource(key, memo);
            }

            @Override
            public void savepointRollback(Object savepoint) {
                memo.clear();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
        return memo;
    }
}
