package cn.daiban.security.privacy;

import org.axonframework.serialization.SerializedType;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The payloads (and meta-data) this node opened last, so that the projection groups reading one event each in
 * turn do not each parse it, decrypt its personal data and build its record again.
 *
 * <p>Why: every projection group reads the stream through a stream of its own (Axon's shared cache of events grew
 * without bound behind a slow reader), so each group deserialized every event it handles itself; parsing and
 * opening were a third of the query side's work while it followed the store.
 *
 * <p>How: a fixed number of slots, each chosen by a hash of the stored bytes and their type. A slot holds one
 * opened value; a newer one takes its place. The memory held is bounded by the number of slots (each the stored
 * bytes and the value made of them); nothing is ever evicted by a clock, so there is no clean-up to race with.
 * A hit is the same stored bytes of the same type and revision, compared in full, not only by hash.
 *
 * <p>Erasure: an entry remembers the data subjects whose keys opened it. A hit is used only if every one of those
 * keys is still held ({@link PersonalDataKeys#find}, which reads the store's erased mark), so an erasure takes
 * effect on the next read exactly as it does without this cache. A value opened while one of its subjects' keys
 * was already gone is not kept.
 *
 * <p>Assumption: what is kept is shared by every reader, so readers must not change it. Event payloads are records
 * and their collections are only read by the query side's handlers (checked when this was written); this is why
 * only the query side turns it on ({@code daiban.privacy.recently-opened}).
 */
final class RecentlyOpened {

    /** One opened value: the stored bytes it came from, their type, and the subjects whose keys opened it. */
    record Entry(int hash, byte[] data, String type, String revision, Object value, List<String> subjects) {
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    /** {@code size} slots, rounded up to a power of two. */
    RecentlyOpened(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("recently-opened must be at least 1, was " + size);
        }
        int slots = Integer.highestOneBit(size - 1) << 1;
        this.slots = new AtomicReferenceArray<>(Math.max(1, slots));
        this.mask = this.slots.length() - 1;
    }

    int size() {
        return slots.length();
    }

    static int hash(byte[] data, SerializedType type) {
        int hash = Arrays.hashCode(data);
        hash = 31 * hash + type.getName().hashCode();
        hash = 31 * hash + Objects.hashCode(type.getRevision());
        return hash ^ (hash >>> 16);
    }

    /** The entry made of exactly these bytes of this type, if one is held. */
    Entry find(int hash, byte[] data, SerializedType type) {
        Entry entry = slots.get(hash & mask);
        if (entry != null && entry.hash() == hash && entry.type().equals(type.getName())
                && Objects.equals(entry.revision(), type.getRevision()) && Arrays.equals(entry.data(), data)) {
            return entry;
        }
        return null;
    }

    void keep(int hash, byte[] data, SerializedType type, Object value, List<String> subjects) {
        // A copy of the bytes: the stored array belongs to the message it came with.
        slots.set(hash & mask, new Entry(hash, data.clone(), type.getName(), type.getRevision(), value,
                List.copyOf(subjects)));
    }
}
