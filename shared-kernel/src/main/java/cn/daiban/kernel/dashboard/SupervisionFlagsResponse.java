package cn.daiban.kernel.dashboard;

import java.util.List;

public record SupervisionFlagsResponse(List<StationDashboardResponse.Flag> flags) {
}
