package cn.daiban.query.delegation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-sent events for dashboards: a client subscribed to a station hears of every delegation commissioned or
 * completed at that station or below it, as soon as the projection has committed it.
 */
@Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private static final ThreadLocal<Boolean> MUTED = ThreadLocal.withInitial(() -> false);

    private final Map<String, List<SseEmitter>> subscribers = new ConcurrentHashMap<>();
    /** Every stream not yet ended, whatever its state: ended on shutdown. */
    private final java.util.Set<SseEmitter> open = ConcurrentHashMap.newKeySet();
    private final JdbcTemplate jdbc;

    LiveUpdates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public SseEmitter subscribe(String stationCode) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        List<SseEmitter> list = subscribers.computeIfAbsent(stationCode, code -> new CopyOnWriteArrayList<>());
        list.add(emitter);
        open.add(emitter);
        Runnable remove = () -> {
            list.remove(emitter);
            open.remove(emitter);
        };
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        try {
            emitter.send(SseEmitter.event().name("subscribed").data(stationCode));
        } catch (IOException e) {
            remove.run();
        }
        return emitter;
    }

    /** Whether any dashboard follows live updates on this node: with none, there is nothing to prepare. */
    boolean listening() {
        return !open.isEmpty();
    }

    /** Tells the subscribers of {@code stationCode} and of every station above it, once the transaction commits. */
    void publish(String stationCode, String type, String delegationId) {
        publish(stationCode, type, delegationId, Map.of());
    }

    /** As {@link #publish(String, String, String)}, the notice carrying {@code more} beside its type, matter and station. */
    void publish(String stationCode, String type, String delegationId, Map<String, String> more) {
        if (subscribers.isEmpty() || MUTED.get()) {
            return;
        }
        Map<String, String> data = new java.util.LinkedHashMap<>(more);
        data.put("type", type);
        data.put("delegationId", delegationId);
        data.put("stationCode", stationCode);
        Runnable send = () -> {
            for (String station : withAncestors(stationCode)) {
                for (SseEmitter emitter : subscribers.getOrDefault(station, List.of())) {
                    try {
                        emitter.send(SseEmitter.event().name(type).data(data));
                    } catch (IOException | IllegalStateException e) {
                        log.debug("dropping a live-update subscriber of {}", station);
                        emitter.completeWithError(e);
                    }
                }
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send.run();
                }
            });
        } else {
            send.run();
        }
    }

    /**
     * On shutdown every open stream is ended first, so a graceful shutdown does not wait out its grace period for
     * dashboards that would otherwise stay connected; clients reconnect to another node.
     */
    @EventListener(ContextClosedEvent.class)
    void endStreams() {
        log.debug("ending {} live-update streams", open.size());
        List.copyOf(open).forEach(emitter -> {
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                log.debug("a live-update stream was already gone", e);
            }
        });
        open.clear();
        subscribers.clear();
    }

    /** Replays of history (rebuilds, point-in-time views) are not news: nothing is pushed while they run. */
    public static <T> T muted(java.util.function.Supplier<T> work) {
        boolean before = MUTED.get();
        MUTED.set(true);
        try {
            return work.get();
        } finally {
            MUTED.set(before);
        }
    }

    private List<String> withAncestors(String stationCode) {
        return jdbc.queryForList("""
                with recursive up(code, parent) as (
                    select station_code, parent_code from station_directory where station_code = ?
                    union all
                    select s.station_code, s.parent_code from station_directory s join up on s.station_code = up.parent
                )
                select code from up""", String.class, stationCode).stream()
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
                        list -> list.isEmpty() ? List.of(stationCode) : list));
    }
}
