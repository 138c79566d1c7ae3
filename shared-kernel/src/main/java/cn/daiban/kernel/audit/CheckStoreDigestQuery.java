package cn.daiban.kernel.audit;

import cn.daiban.kernel.common.Require;

import java.util.regex.Pattern;

/** Check the store against a digest a supervision unit kept: any change to history before it shows. */
public record CheckStoreDigestQuery(long upToGlobalIndex, String digest) {

    public CheckStoreDigestQuery {
        if (upToGlobalIndex < 0) {
            throw new cn.daiban.kernel.common.InvalidValueException("upToGlobalIndex", "must not be negative");
        }
        Require.matching(digest, Pattern.compile("[0-9a-f]{64}"), "digest", "must be 64 lower-case hex digits");
    }
}
