package cn.daiban.security.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of {@code daiban.privacy.*}.
 *
 * @param masterKey   base64 of 32 bytes: wraps every data subject's key at rest (a database dump alone reveals no
 *                    personal data). From the secret store in production; the embedded profile ships a fixed one.
 * @param indexSecret the secret of the blind index that finds a person's records by resident ID or phone number
 *                    without storing either
 * @param keyCacheTtl how long a node keeps an unwrapped key in memory; every use still checks the store's erased
 *                    mark, so an erasure on another node takes effect here at once, not after this time
 * @param schema      the schema holding the keys, the blind index and the access log (the command side's)
 */
@ConfigurationProperties("daiban.privacy")
public record PrivacyProperties(String masterKey, String indexSecret,
                                @DefaultValue("10s") Duration keyCacheTtl,
                                @DefaultValue("command_side") String schema) {
}
