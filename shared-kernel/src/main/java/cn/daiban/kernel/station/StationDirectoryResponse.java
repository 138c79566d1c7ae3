package cn.daiban.kernel.station;

import java.util.List;

public record StationDirectoryResponse(List<StationResponse> items, int page, int size, long totalItems) {
}
