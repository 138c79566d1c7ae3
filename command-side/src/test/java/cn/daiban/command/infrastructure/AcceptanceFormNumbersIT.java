package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.AcceptanceFormNumbers;
import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.delegation.AcceptanceFormNumber;
import cn.daiban.kernel.station.StationCode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agents of one station commissioning at the same moment: each takes its form number inside its own open
 * transaction (as a commissioning does) and keeps that transaction open until all have taken theirs. Had taking a
 * number locked the station's row to commit, the second would wait for the first, which waits for all: none would
 * be in time. All get a number, and no two the same.
 */
class AcceptanceFormNumbersIT extends PostgresIntegrationTest {

    private static final int AGENTS = 6;

    @Autowired
    AcceptanceFormNumbers formNumbers;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void agentsOfOneStationTakeDistinctNumbersSideBySide() throws Exception {
        StationCode station = StationCode.of("1499" + ThreadLocalRandom.current().nextInt(10000000, 99999999));
        LocalDate day = LocalDate.of(2026, 11, 24);
        TransactionTemplate commissioning = new TransactionTemplate(transactions);
        CountDownLatch allTaken = new CountDownLatch(AGENTS);
        ExecutorService agents = Executors.newFixedThreadPool(AGENTS);
        List<Future<AcceptanceFormNumber>> taken = new ArrayList<>();
        try {
            for (int i = 0; i < AGENTS; i++) {
                taken.add(agents.submit(() -> commissioning.execute(status -> {
                    AcceptanceFormNumber number = formNumbers.next(station, day);
                    allTaken.countDown();
                    try {
                        assertThat(allTaken.await(20, TimeUnit.SECONDS))
                                .as("every agent took a number while the others' transactions were open").isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return number;
                })));
            }
            List<Integer> sequences = new ArrayList<>();
            for (Future<AcceptanceFormNumber> number : taken) {
                AcceptanceFormNumber value = number.get(60, TimeUnit.SECONDS);
                assertThat(value.station()).isEqualTo(station);
                assertThat(value.day()).isEqualTo(day);
                sequences.add(value.sequence());
            }
            assertThat(sequences).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        } finally {
            agents.shutdownNow();
        }
    }
}
