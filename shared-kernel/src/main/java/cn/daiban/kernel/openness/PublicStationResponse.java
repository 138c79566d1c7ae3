package cn.daiban.kernel.openness;

import java.util.List;

/**
 * One open station as the public sees it (公开原则, `000 §4.4`: 代（帮）办事项、办事流程、完成时限、红色代办员; `004 §6.2.2`):
 * the items it offers with their process, materials, time limit, statutory fees and legal basis, and its active
 * agents' names and posts. No client data, no agent phone or ID.
 */
public record PublicStationResponse(PublicStationsResponse.Station station, List<Item> items, List<Agent> agents) {

    /**
     * @param conditions the item's 申请条件 (`004 §6.3.5`), null while the catalogue publishes none
     * @param process the item's published steps, or the standard flow of the service when the item names none
     *                ({@code processPublished} false)
     * @param free    the service itself is free (无偿, `000 §4.5`): only the statutory fees listed are owed
     */
    public record Item(String code, String name, String department, String conditions, List<String> process,
                       boolean processPublished,
                       List<Material> materials, int timeLimitWorkingDays, List<Fee> fees, String legalBasis,
                       boolean onlineAvailable, boolean free) {
    }

    public record Material(String name, String howToObtain, boolean essential) {
    }

    public record Fee(String name, long amountFen, String legalBasis, String payee) {
    }

    /** {@code post}: 代办员 or 队长 / 专区负责人; {@code background}: e.g. 党员 (红色代办员). */
    public record Agent(String name, String post, String background) {
    }
}
