package cn.daiban.security.privacy;

import cn.daiban.security.jdbc.CommittedApart;
import cn.daiban.security.jdbc.TransactionMemo;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * One AES-256 key per data subject, kept wrapped by the master key in {@code personal_data_key}; destroying it
 * (erasure) leaves the stored events intact — and their hash chain — but unreadable. A blind index (HMAC of the
 * resident ID or phone number) finds a person's data subjects without storing either in clear.
 *
 * <p>Unwrapped keys are cached per node ({@code daiban.privacy.key-cache-ttl}), but a cached key is used only
 * after checking the store's erased mark, and absent or erased keys are never cached: an erasure takes effect on
 * every node as soon as it is answered, whatever the cache time.
 *
 * <p>Within one transaction the erased mark is read once per subject ({@link #isErased}): a projection opens the
 * events of a batch in one transaction, and asking the store again for every event of the batch, in every
 * processing group, was a round trip per event and group. The events of a batch were read before the batch began,
 * so an erasure committed while it runs is in force from the next batch on, the one that can first hold the erasure
 * event: "as soon as the erasure event has reached the node" still holds. An erasure in the same transaction
 * ({@link #destroy}) is in force at once.
 *
 * <p>A new key and a new index entry commit on their own ({@link CommittedApart}) before the event that needs them
 * is stored, not with the caller's transaction: on Axon Server the event is appended (and may be read by a
 * projection) before the command's PostgreSQL transaction commits, and a key not yet visible would read as erased
 * (a name shown as erased, a notification without a phone) or, were that commit to fail, be lost with the event
 * kept. A command refused after its key was created leaves a key that seals nothing, which erasure still destroys.
 * An event's new key and its index entries commit together, in one transaction apart ({@link #keyFor(String, List)}):
 * one flush of the write-ahead log, and never a key whose entries are missing.
 */
public class PersonalDataKeys implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;

    private final JdbcTemplate jdbc;
    private final CommittedApart apart;
    private final SecretKey masterKey;
    private final byte[] indexSecret;
    private final long cacheMillis;
    private final String schema;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** The erased marks read in the current transaction. */
    private final TransactionMemo<String, Boolean> erased = new TransactionMemo<>();

    private record Cached(Optional<SecretKey> key, long until) {
    }

    public PersonalDataKeys(JdbcTemplate jdbc, PrivacyProperties properties) {
        this.jdbc = jdbc;
        // No database (a serializer test's in-memory keys override every method that would use one): nothing apart.
        this.apart = jdbc == null ? null : CommittedApart.beside(jdbc.getDataSource(), "personal-data-keys", 2);
        byte[] master = decode(properties.masterKey(), "daiban.privacy.master-key");
        if (master.length != 32) {
            throw new IllegalStateException("daiban.privacy.master-key must be base64 of 32 bytes");
        }
        this.masterKey = new SecretKeySpec(master, "AES");
        this.indexSecret = decode(properties.indexSecret(), "daiban.privacy.index-secret");
        this.cacheMillis = properties.keyCacheTtl().toMillis();
        this.schema = properties.schema();
    }

    private static byte[] decode(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return Base64.getDecoder().decode(value.strip());
    }

    /**
     * A resident ID or phone number the subject's records hold, indexed by its keyed digest only (the blind index),
     * so that an erasure by resident ID or phone finds every subject whose events were stored.
     */
    public record Indexed(String kind, String value) {
    }

    /** The subject's key, created on first use (committed at once, apart from the caller's transaction). */
    public SecretKey keyFor(String subject) {
        return keyFor(subject, List.of());
    }

    /**
     * The subject's key, created on first use, and the subject indexed by {@code indexed}: what is new commits at
     * once, apart from the caller's transaction, and in one commit (a new subject's key and its index entries
     * together; a commissioning's were three commits, each a flush of the write-ahead log). An erased subject is
     * refused before anything is indexed.
     */
    public SecretKey keyFor(String subject, List<Indexed> indexed) {
        // Sorted: two transactions inserting the same entries take their locks in the same order, never crosswise.
        List<String> digests = indexed.stream().map(entry -> digest(entry.kind(), entry.value())).distinct().sorted()
                .toList();
        CommittedApart.Update index = digests.isEmpty() ? null : new CommittedApart.Update("insert into " + schema
                + ".personal_data_index (digest, subject_id) values "
                + String.join(", ", Collections.nCopies(digests.size(), "(?, ?)")) + " on conflict do nothing",
                digests.stream().flatMap(digest -> Stream.of(digest, subject)).toArray());
        Found found = lookUp(subject);
        if (found.key().isPresent()) {
            if (index != null) {
                apart.update(index.sql(), index.parameters());
            }
            return found.key().get();
        }
        if (found.erased()) {
            throw new ErasedDataSubjectException(subject);
        }
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            SecretKey key = generator.generateKey();
            CommittedApart.Update insertKey = new CommittedApart.Update("insert into " + schema
                    + ".personal_data_key (subject_id, wrapped_key, created_at) values (?, ?, ?)"
                    + " on conflict (subject_id) do nothing", subject, encrypt(masterKey, key.getEncoded()),
                    java.sql.Timestamp.from(Instant.now()));
            int inserted = index == null ? apart.update(insertKey.sql(), insertKey.parameters())
                    : apart.updateAll(List.of(insertKey, index))[0];
            cache.remove(subject);
            if (inserted == 1) {
                // The key just committed is this one: cached as find() would after reading and unwrapping it again
                // (the erased mark read above, false, is already this transaction's).
                cache.put(subject, new Cached(Optional.of(key), System.currentTimeMillis() + cacheMillis));
                return key;
            }
            // Another node or request created the subject's key first: use the stored one.
            return find(subject).orElseThrow();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The subject's key, or empty once erased (or never created). */
    public Optional<SecretKey> find(String subject) {
        return lookUp(subject).key();
    }

    /** The subject's key if held, and whether the subject is erased (both false for a subject never seen). */
    private record Found(Optional<SecretKey> key, boolean erased) {
    }

    /**
     * The subject's key and erased mark. A cached key still costs one primary-key lookup of the erased mark (once
     * per transaction); otherwise one read answers both: the key, or why there is none (never created, or erased),
     * where a new subject's commissioning used to ask twice. The erased mark read is the transaction's.
     */
    private Found lookUp(String subject) {
        long now = System.currentTimeMillis();
        Cached cached = cache.get(subject);
        if (cached != null && cached.until() > now) {
            // Another node may have destroyed the key since it was cached here (an erasure is answered once its
            // keys are destroyed, in the same transaction). One primary-key lookup per use keeps an erasure
            // effective at once on every node; the cache only saves unwrapping the key again.
            if (!isErased(subject)) {
                return new Found(cached.key(), false);
            }
            cache.remove(subject);
            return new Found(Optional.empty(), true);
        }
        Map<String, Boolean> memo = erased.current();
        Boolean erasedHere = memo == null ? null : memo.get(subject);
        if (Boolean.TRUE.equals(erasedHere)) {
            return new Found(Optional.empty(), true); // erased in this transaction, or read so in it
        }
        List<Found> rows = jdbc.query("select wrapped_key, erased_at is not null from " + schema
                        + ".personal_data_key where subject_id = ?",
                (rs, n) -> {
                    byte[] wrapped = rs.getBytes(1);
                    return new Found(wrapped == null ? Optional.empty()
                            : Optional.of(new SecretKeySpec(decrypt(masterKey, wrapped), "AES")), rs.getBoolean(2));
                }, subject);
        Found found = rows.isEmpty() ? new Found(Optional.empty(), false) : rows.get(0);
        if (found.key().isPresent()) {
            cache.put(subject, new Cached(found.key(), now + cacheMillis));
        }
        if (memo != null) {
            memo.putIfAbsent(subject, found.erased());
        }
        return found;
    }

    /** Whether personal data of {@code subject} is held and not erased. */
    public boolean isHeld(String subject) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from " + schema
                + ".personal_data_key where subject_id = ? and erased_at is null)", Boolean.class, subject));
    }

    public boolean isErased(String subject) {
        Map<String, Boolean> memo = erased.current();
        Boolean known = memo == null ? null : memo.get(subject);
        if (known != null) {
            return known;
        }
        boolean erased = Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from " + schema
                + ".personal_data_key where subject_id = ? and erased_at is not null)", Boolean.class, subject));
        if (memo != null) {
            memo.put(subject, erased);
        }
        return erased;
    }

    /** Destroys the subjects' keys: what was encrypted with them can never be read again. */
    public void destroy(List<String> subjects, String by) {
        for (String subject : subjects) {
            jdbc.update("update " + schema + ".personal_data_key set wrapped_key = null, erased_at = ?, erased_by = ?"
                    + " where subject_id = ?", java.sql.Timestamp.from(Instant.now()), by, subject);
            jdbc.update("delete from " + schema + ".personal_data_index where subject_id = ?", subject);
            cache.remove(subject);
            Map<String, Boolean> memo = erased.current();
            if (memo != null) {
                memo.put(subject, true);
            }
        }
    }

    /** The data subjects whose records hold this resident ID or phone number. */
    public List<String> subjectsOf(String kind, String value) {
        return jdbc.queryForList("select subject_id from " + schema + ".personal_data_index where digest = ?",
                String.class, digest(kind, value));
    }

    String digest(String kind, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(indexSecret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((kind + ":" + value.strip().toUpperCase())
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encrypt(SecretKey key, byte[] plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] decrypt(SecretKey key, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, IV_BYTES));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal data does not decrypt with its key", e);
        }
    }

    @Override
    public void close() {
        if (apart != null) {
            apart.close();
        }
    }
}
