package cn.daiban.kernel.openness;

import cn.daiban.kernel.station.StationLevel;

/**
 * The open stations anyone may read without signing in (公开原则, `000 §4.4`, `004 §6.2.2`), optionally of one
 * level and within one region (division-code prefix).
 */
public record FetchPublicStationsQuery(StationLevel level, String region) {
}
