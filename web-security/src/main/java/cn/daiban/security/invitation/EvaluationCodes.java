package cn.daiban.security.invitation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The one-time codes of evaluation invitations (一事一评 by the client, `003 三(二)3`, 国办发〔2019〕51号), shared by
 * both sides: the query side issues a code when it sends the invitation (or its reminder) and stores only its
 * SHA-256 hash; the command side checks a code the client sends back against that hash, and uses it once.
 *
 * <p>A code is 128 random bits (base64url, 22 characters), so a plain SHA-256 is enough to make the stored hash
 * useless for grading: nobody reading the table, the outbox or the logs can grade in the client's place.
 */
public final class EvaluationCodes {

    /** Where the link goes in a notification's stored text; the code is put in only when it is sent. */
    public static final String LINK_PLACEHOLDER = "〔评价链接〕";

    /** The table (in the command side's schema, which owns it: Flyway V96 there), for tests of the query side. */
    public static String ddl(String schema) {
        return """
                create table if not exists %1$s.evaluation_code (
                    code_hash     char(64)    primary key,
                    delegation_id varchar(36) not null,
                    issued_at     timestamp with time zone not null,
                    expires_at    timestamp with time zone not null,
                    used_at       timestamp with time zone,
                    notification_id varchar(80)
                );
                create index if not exists evaluation_code_delegation on %1$s.evaluation_code (delegation_id);
                """.formatted(schema);
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern IN_LINK = Pattern.compile("code=[A-Za-z0-9_-]+");

    private EvaluationCodes() {
    }

    public static String newCode() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text with every {@code code=…} of a link masked, for anything kept or logged after sending. */
    public static String redact(String text) {
        return text == null ? null : IN_LINK.matcher(text).replaceAll("code=****");
    }
}
