package cn.daiban.kernel.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tamper-evident hash of a stored event: SHA-256 over a canonical form of what is stored in its row (ids,
 * sequence, types, timestamp text, the payload bytes exactly as stored, the metadata without the hash entries
 * with its keys sorted) and the hash of the previous event of the same stream. Every event's metadata carries
 * its own hash ({@value #HASH}) and its predecessor's ({@value #PREVIOUS_HASH}), so each aggregate's events
 * form a chain: changing or removing an event breaks it from there on.
 *
 * <p>Because the hash covers the stored bytes, anything done to the payload before storing (such as
 * encrypting personal data) is covered, and erasing a data subject's key later never breaks the chain.
 */
public final class EventHash {

    public static final String HASH = "eventHash";
    public static final String PREVIOUS_HASH = "previousEventHash";
    /** The previous hash of a stream's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private EventHash() {
    }

    /** The fields of a stored event row that the hash covers. */
    public record StoredRow(String eventIdentifier, String aggregateIdentifier, long sequenceNumber, String type,
                              String timestamp, String payloadType, String payloadRevision, byte[] payload,
                              byte[] metaData) {
    }

    public static String of(StoredRow event, String previousHash) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            field(sha, event.eventIdentifier());
            field(sha, event.aggregateIdentifier());
            field(sha, Long.toString(event.sequenceNumber()));
            field(sha, event.type());
            field(sha, event.timestamp());
            field(sha, event.payloadType());
            field(sha, event.payloadRevision());
            sha.update(Integer.toString(event.payload().length).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ':');
            sha.update(event.payload());
            field(sha, canonicalMetaData(event.metaData()));
            field(sha, previousHash);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The metadata JSON without the two hash entries, keys sorted, as UTF-8 JSON text. */
    public static String canonicalMetaData(byte[] metaDataJson) {
        if (metaDataJson == null || metaDataJson.length == 0) {
            return "{}";
        }
        try {
            JsonNode node = JSON.readTree(metaDataJson);
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.fields().forEachRemaining(entry -> sorted.put(entry.getKey(), entry.getValue()));
            sorted.remove(HASH);
            sorted.remove(PREVIOUS_HASH);
            ObjectNode canonical = JSON.createObjectNode();
            sorted.forEach(canonical::set);
            return JSON.writeValueAsString(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata is not JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Metadata as JSON bytes, for {@link StoredRow#metaData()}: an event's metadata map as the event store hands it
     * back (Axon Server keeps metadata as typed values, not JSON; the JDBC store as Jackson JSON). The hash covers
     * its {@link #canonicalMetaData canonical form}, so both engines and both ways of writing give the same value.
     */
    public static byte[] metaDataJson(Map<String, ?> metaData) {
        try {
            return JSON.writeValueAsBytes(metaData == null ? Map.of() : new TreeMap<>(metaData));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be written as JSON", e);
        }
    }

    /** One value over many hashes (a store digest over every stream's head). */
    public static String digest(Iterable<String> hashes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String hash : hashes) {
                field(sha, hash);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Reads one of the two hash entries from stored metadata JSON (null when absent). */
    public static String read(byte[] metaDataJson, String key) {
        if (metaDataJson == null) {
            return null;
        }
        try {
            JsonNode value = JSON.readTree(metaDataJson).get(key);
            return value == null || value.isNull() ? null : value.asText();
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata is not JSON", e);
        }
    }

    private static void field(MessageDigest sha, String value) {
        // Length-prefixed, so that no two different rows give the same byte sequence.
        byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(value == null ? -1 : bytes.length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) ':');
        sha.update(bytes);
    }
}
