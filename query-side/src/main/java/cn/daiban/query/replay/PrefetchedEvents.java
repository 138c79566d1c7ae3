package cn.daiban.query.replay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A replay's events, read from the event store on a thread of their own, their payloads decoded there (upcast,
 * deserialized, personal data opened), and handed over through a bounded queue of {@link #CAPACITY} events.
 *
 * <p>Why: a rebuild read its events through Axon's engine on its own thread, in its own transaction, so each batch
 * read waited for the writes before it and used the rebuild's connection; the rebuild's writes can now be sent ahead
 * on that connection ({@link ReplayWriteBatching#heldBack(java.util.function.Supplier, boolean)}), which nothing else
 * may use meanwhile. Here the reads go through a transaction of the reader's own (one connection, read committed, so
 * each read sees what was committed before it, as before; personal data keys' erased marks are read once per
 * transaction, as in the rebuild's), and decoding, which took a share of the rebuild's thread, runs beside it.
 *
 * <p>A payload that cannot be decoded here is left to the replay, which decodes it again when its handler asks and
 * fails on that event, naming it, as before. A failure to read is handed over and thrown by {@link #next}.
 */
final class PrefetchedEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PrefetchedEvents.class);

    /** Events read ahead of the replay at most (decoded: each a few kilobytes). */
    static final int CAPACITY = 2_000;

    /** How long the reader waits for the next event before it looks whether it should stop. */
    private static final long LOOK_MILLIS = 100;

    /** A failure of the reader, handed over in the queue. */
    private record ReadFailure(RuntimeException failure) {
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread reader;
    private volatile boolean closed;

    /**
     * Starts reading {@code open}'s stream on a thread named {@code name}; {@code within} runs the reading (in a
     * transaction of the reader's own: it runs on the reader's thread, never the caller's).
     */
    PrefetchedEvents(String name, Supplier<BlockingStream<TrackedEventMessage<?>>> open, Consumer<Runnable> within) {
        this.reader = new Thread(() -> read(open, within), name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read(Supplier<BlockingStream<TrackedEventMessage<?>>> open, Consumer<Runnable> within) {
        try {
            within.accept(() -> {
                try (BlockingStream<TrackedEventMessage<?>> stream = open.get()) {
                    while (!closed) {
                        if (stream.hasNextAvailable((int) LOOK_MILLIS, TimeUnit.MILLISECONDS)) {
                            TrackedEventMessage<?> event = stream.nextAvailable();
                            decode(event);
                            hand(event);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RuntimeException failure) {
            if (!closed) {
                hand(new ReadFailure(failure));
            }
        } catch (Error failure) {
            // Handed over too, so the rebuild fails on it at once rather than after its idle limit, "stopped".
            if (!closed) {
                hand(new ReadFailure(new IllegalStateException("the rebuild's event reader failed", failure)));
            }
            throw failure;
        }
    }

    /** Decodes the payload here, where it costs the replay nothing; a failure is left for the replay to meet. */
    private static void decode(TrackedEventMessage<?> event) {
        try {
            event.getPayload();
        } catch (RuntimeException undecodable) {
            log.debug("event {} is decoded by the replay instead: {}", event.getIdentifier(), undecodable.toString());
        }
    }

    private void hand(Object item) {
        try {
            while (!closed && !queue.offer(item, LOOK_MILLIS, TimeUnit.MILLISECONDS)) {
                // the replay is behind: wait for room, or for the end
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The next event, waiting at most {@code limit} for it; null when none came within it.
     *
     * @throws RuntimeException the reader's failure, once the events read before it were handed over
     */
    TrackedEventMessage<?> next(Duration limit) throws InterruptedException {
        Object item = queue.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (item instanceof ReadFailure failed) {
            throw failed.failure();
        }
        return (TrackedEventMessage<?>) item;
    }

    /** Stops the reader (it ends its transaction and closes the stream) and waits for it. */
    @Override
    public void close() {
        closed = true;
        try {
            reader.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (reader.isAlive()) {
            log.warn("the event reader {} did not stop within 30 s; it stops at its next look", reader.getName());
        }
        queue.clear();
    }
}
