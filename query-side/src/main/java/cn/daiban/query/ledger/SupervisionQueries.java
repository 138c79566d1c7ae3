package cn.daiban.query.ledger;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.privacy.PersonalData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the supervision unit checks with its own instruments (`004 §6.2.4`, `004 §7.2.2` 督促、跟踪、复查; `004 §6.2.2`
 * 信息公开透明度), each one SQL query over the views, scoped to a station (or its subtree) like the other supervision lists.
 */
@Component
public class SupervisionQueries {

    /** The rectification statuses a supervision list may ask for; the open ones by default. */
    public static final Set<String> RECTIFICATION_STATUSES = Set.of("OPEN", "OVERDUE", "AWAITING_RECHECK", "DONE",
            "LATE", "VOIDED");
    static final List<String> OPEN_RECTIFICATIONS = List.of("OPEN", "OVERDUE", "AWAITING_RECHECK");

    private final JdbcTemplate jdbc;
    private final ServiceClock clock;

    SupervisionQueries(JdbcTemplate jdbc, ServiceClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param ageDays days since the poor grade opened it (the centre's days, today included as 0) */
    public record RectificationRow(String delegationId, String acceptanceFormNumber, String stationCode,
                                   String itemName, String grade, String status, LocalDate openedOn,
                                   LocalDate dueDate, long ageDays) {
    }

    public record RectificationsResponse(List<RectificationRow> rectifications, int count) {
    }

    /**
     * Rectifications after a poor grade, oldest first (by the day the grade opened them), with their age in days;
     * by default the ones not closed yet (open, overdue, awaiting supervision's re-check).
     */
    @Transactional(readOnly = true)
    public RectificationsResponse rectifications(String station, boolean rollUp, String status) {
        List<String> statuses;
        if (status == null || status.isBlank()) {
            statuses = OPEN_RECTIFICATIONS;
        } else if (RECTIFICATION_STATUSES.contains(status)) {
            statuses = List.of(status);
        } else {
            throw new InvalidValueException("status", "must be one of " + new java.util.TreeSet<>(RECTIFICATION_STATUSES));
        }
        ScopeSql scope = ScopeSql.of(station, rollUp);
        List<Object> args = new ArrayList<>(scope.args());
        args.add(Date.valueOf(clock.today()));
        args.add(statuses.toArray(String[]::new));
        // Matters graded poorly before the column existed have no opened day: their due date stands in (older
        // first, still ordered), and their age is then counted from it. Assumption, named in the README.
        List<RectificationRow> rows = jdbc.query(scope.cte() + """
                        select d.delegation_id, d.acceptance_form_number, d.station_code, d.item_name, d.grade,
                               d.rectification_status, d.rectification_opened_on, d.rectification_due,
                               ? - coalesce(d.rectification_opened_on, d.rectification_due) as age
                        from delegation_view d
                        where d.rectification_status = any(?)""" + " and " + scope.on("d.station_code") + """
                         order by coalesce(d.rectification_opened_on, d.rectification_due), d.delegation_id""",
                (rs, n) -> new RectificationRow(rs.getString("delegation_id"), rs.getString("acceptance_form_number"),
                        rs.getString("station_code"), rs.getString("item_name"), rs.getString("grade"),
                        rs.getString("rectification_status"), rs.getObject("rectification_opened_on", LocalDate.class),
                        rs.getObject("rectification_due", LocalDate.class), rs.getLong("age")),
                args.toArray());
        return new RectificationsResponse(rows, rows.size());
    }

    public record IncompleteRow(String delegationId, String acceptanceFormNumber, String stationCode,
                                LocalDate receivedOn, List<String> missing) {
    }

    public record LedgerCompletenessResponse(List<IncompleteRow> rows, int count) {
    }

    /**
     * Ledger completeness (`004 §6.2.4`): per station and period (the day received), the matters whose work-ledger
     * row (`004 附录D`, the headings of {@code WorkLedgerResponse.HEADINGS}) misses a required value, with the
     * headings it misses. One query, no per-row look-ups. Required, by assumption: 时间, 便民服务站名称, 事项所属, 姓名,
     * 联系方式 (not for a client whose personal data was erased on request), 申请事项, 接件时间, 受理人员; 办理时限 for an
     * accepted matter, 退件原因 for a declined one. 事项所属 is not required of a refusal of a matter the catalogue has
     * no item for (the client's words name it; no department is known); a refusal recorded before refusals carried
     * their department still misses it. Not required: 序号 and 办件状态 (always there), 窗口 (a station
     * without named windows takes matters at its one counter), 当日办结时间 (only for a same-day completion), 备注.
     */
    @Transactional(readOnly = true)
    public LedgerCompletenessResponse ledgerCompleteness(String station, boolean rollUp, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidValueException("to", "must not be before from");
        }
        ScopeSql scope = ScopeSql.of(station, rollUp);
        List<Object> args = new ArrayList<>(scope.args());
        args.add(PersonalData.ERASED);
        StringBuilder where = new StringBuilder(scope.on("d.station_code"));
        if (from != null) {
            where.append(" and d.received_on >= ?");
            args.add(Date.valueOf(from));
        }
        if (to != null) {
            where.append(" and d.received_on <= ?");
            args.add(Date.valueOf(to));
        }
        List<IncompleteRow> rows = jdbc.query(scope.cte() + """
                        select * from (
                            select d.delegation_id, d.acceptance_form_number, d.station_code, d.received_on,
                                   array_remove(array[
                                       case when d.received_on is null then '时间' end,
                                       case when nullif(trim(s.name), '') is null then '便民服务站名称' end,
                                       case when nullif(trim(d.department), '') is null
                                                 and not (d.declined and d.item_code is null) then '事项所属' end,
                                       case when nullif(trim(d.client_name), '') is null then '姓名' end,
                                       case when nullif(trim(d.client_phone), '') is null
                                                 and d.client_name is distinct from ? then '联系方式' end,
                                       case when nullif(trim(d.item_name), '') is null then '申请事项' end,
                                       case when not d.declined and d.promised_working_days is null then '办理时限' end,
                                       case when d.declined and nullif(trim(d.decline_reason), '') is null
                                            then '退件原因' end,
                                       case when d.received_at is null then '接件时间' end,
                                       case when coalesce(nullif(trim(d.first_receiver_name), ''), d.first_receiver_id,
                                                          d.agent_id) is null then '受理人员' end
                                   ]::varchar[], null) as missing
                            from delegation_view d left join station_directory s on s.station_code = d.station_code
                            where""" + " " + where + """
                        ) checked where cardinality(missing) > 0
                        order by station_code, received_on, delegation_id""",
                (rs, n) -> new IncompleteRow(rs.getString("delegation_id"), rs.getString("acceptance_form_number"),
                        rs.getString("station_code"), rs.getObject("received_on", LocalDate.class),
                        strings(rs.getArray("missing"))),
                args.toArray());
        return new LedgerCompletenessResponse(rows, rows.size());
    }

    /** One offered item whose public guide misses parts ({@link #openness}); {@code name} null for an unknown code. */
    public record OpennessGap(String itemCode, String itemName, List<String> missing) {
    }

    /** @param rate {@code fullyPublic / items}, four places; null for a station that lists no item */
    public record OpennessRow(String stationCode, String stationName, int items, int fullyPublic, Double rate,
                              List<OpennessGap> gaps) {
    }

    public record OpennessResponse(List<OpennessRow> stations, int items, int fullyPublic, Double rate) {
    }

    /** What an offered item misses when the public cannot see it at all (withdrawn, or a code the catalogue lacks). */
    static final String NOT_PUBLISHED = "事项未发布";

    /**
     * 信息公开透明度 (`004 §6.2.2`: 服务事项信息公开透明度达到100%), per open station in scope: of the items it lists
     * (its 代办事项, {@code serviceItemCodes}), how many the public face shows whole, and for the others what is
     * missing. The standard does not say what "whole" is; by assumption (README), what the public guide shows of an
     * item ({@code /api/public/stations/{code}}, `000 §4.4` 代（帮）办事项、办事流程、完成时限 and the one-time notice's
     * 申请条件, `004 §6.3.5`): the item published (a withdrawn item or a code the catalogue does not know is
     * {@value #NOT_PUBLISHED}), its 申请条件, its own 办事流程 (the public face shows the standard flow instead, marked
     * as such) and its 设定依据. The materials (each with where to obtain it), the time limit and each fee's basis
     * cannot be published without, so they are never missing. As it stands now: a catalogue revision counts from
     * the moment the query side has it. One query; stations in code order, items in code order.
     */
    @Transactional(readOnly = true)
    public OpennessResponse openness(String station, boolean rollUp) {
        ScopeSql scope = ScopeSql.of(station, rollUp);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        jdbc.query(scope.cte() + """
                        select d.station_code, d.name as station_name, c.code, i.name as item_name,
                               case when c.code is null then null
                                    when i.status is distinct from 'PUBLISHED' then array['%s']::varchar[]
                                    else array_remove(array[
                                        case when nullif(trim(i.definition->>'conditions'), '') is null
                                             then '申请条件' end,
                                        case when jsonb_typeof(i.definition->'process') is distinct from 'array'
                                                  or jsonb_array_length(i.definition->'process') = 0
                                             then '办事流程' end,
                                        case when nullif(trim(i.definition->>'legalBasis'), '') is null
                                             then '设定依据' end
                                    ]::varchar[], null) end as missing
                        from station_directory d
                        left join lateral (select distinct e.code
                                           from jsonb_array_elements_text(d.service_item_codes) as e(code)) c on true
                        left join service_item i on i.code = c.code
                        where d.status = 'OPEN' and""".formatted(NOT_PUBLISHED) + " " + scope.on("d.station_code") + """
                         order by d.station_code, c.code""",
                rs -> {
                    Tally tally = tallies.get(rs.getString("station_code"));
                    if (tally == null) {
                        tally = new Tally(rs.getString("station_code"), rs.getString("station_name"));
                        tallies.put(tally.code, tally);
                    }
                    String item = rs.getString("code");
                    if (item != null) {
                        tally.add(item, rs.getString("item_name"), strings(rs.getArray("missing")));
                    }
                },
                scope.args().toArray());
        List<OpennessRow> stations = tallies.values().stream().map(Tally::row).toList();
        int items = stations.stream().mapToInt(OpennessRow::items).sum();
        int fullyPublic = stations.stream().mapToInt(OpennessRow::fullyPublic).sum();
        return new OpennessResponse(stations, items, fullyPublic, DashboardQueries.rate(fullyPublic, items));
    }

    /**
     * One matter asked about ({@link #demand}): an item of the catalogue ({@code itemCode} with the catalogue's name),
     * or the visitor's words ({@code itemCode} null, {@code itemName} the words with their spaces tidied).
     *
     * @param notOffered           of {@code asked}, how many were asked at a station whose list did not offer it then
     * @param stationsNotOffering  the stations asked where their list did not offer it, in code order
     * @param commissioned         of {@code asked}, how many led to a matter commissioned from the consultation
     */
    public record DemandRow(String itemCode, String itemName, long asked, long notOffered,
                            List<String> stationsNotOffering, long commissioned) {
    }

    /**
     * @param consultations  every consultation recorded in scope and period
     * @param namingAMatter  of those, the ones that named the matter asked about (the rows count only these)
     */
    public record DemandResponse(LocalDate from, LocalDate to, long consultations, long namingAMatter,
                                 List<DemandRow> items) {
    }

    /** How far back the demand list looks when no {@code from} is given: a quarter's worth of consultations. */
    static final int DEMAND_DEFAULT_DAYS = 90;

    /**
     * 群众高频次的办事需求 (`001 §7.1.2`, to be taken into the local list of items; `001 §7.1.3` keeps that list
     * moving): the matters consultations asked about in scope and period (by the day recorded; by default the 90 days
     * to today), most asked first, each with how often it was asked where the station's list did not offer it, at
     * which stations, and how often it led to a commissioned matter. The matters asked for and not offered are what a
     * station's list should take in next, or what the county should bring nearer (`001 §7.1.3` 就近办). Only the
     * consultations that named a matter count (the recording agent names it; earlier consultations named none): the
     * response says how many did. Two queries: the period's consultations counted through the station's index, the
     * matters named read through the demand index (V177).
     */
    @Transactional(readOnly = true)
    public DemandResponse demand(String station, boolean rollUp, LocalDate from, LocalDate to) {
        LocalDate until = to != null ? to : clock.today();
        LocalDate since = from != null ? from : until.minusDays(DEMAND_DEFAULT_DAYS - 1L);
        if (until.isBefore(since)) {
            throw new InvalidValueException(to != null ? "to" : "from", "must not be before from");
        }
        ScopeSql scope = ScopeSql.of(station, rollUp);
        List<Object> args = new ArrayList<>(scope.args());
        args.add(Date.valueOf(since));
        args.add(Date.valueOf(until));
        String within = " c.recorded_on between ? and ? and " + scope.on("c.station_code");
        Map<String, Object> totals = jdbc.queryForMap(scope.cte() + """
                        select count(*) as consultations,
                               count(*) filter (where c.item_code is not null or c.item_asked is not null) as naming
                        from consultation_view c where""" + within, args.toArray());
        List<DemandRow> items = jdbc.query(scope.cte() + """
                        select a.item_code, coalesce(i.name, a.words) as item_name, count(*) as asked,
                               count(*) filter (where a.offered_here = false) as not_offered,
                               array_agg(distinct a.station_code order by a.station_code)
                                   filter (where a.offered_here = false) as stations_not_offering,
                               count(a.delegation_id) as commissioned
                        from (select c.station_code, c.item_code, c.offered_here, c.delegation_id,
                                     case when c.item_code is null
                                          then regexp_replace(trim(c.item_asked), '\s+', ' ', 'g') end as words
                              from consultation_view c
                              where (c.item_code is not null or c.item_asked is not null) and""" + within + """
                             ) a
                        left join service_item i on i.code = a.item_code
                        group by a.item_code, a.words, i.name
                        order by asked desc, not_offered desc, a.item_code nulls last, a.words""",
                (rs, n) -> new DemandRow(rs.getString("item_code"), rs.getString("item_name"), rs.getLong("asked"),
                        rs.getLong("not_offered"), strings(rs.getArray("stations_not_offering")),
                        rs.getLong("commissioned")),
                args.toArray());
        return new DemandResponse(since, until, ((Number) totals.get("consultations")).longValue(),
                ((Number) totals.get("naming")).longValue(), items);
    }

    /** One station's items as {@link #openness} reads them. */
    private static final class Tally {
        final String code;
        final String name;
        int items;
        int fullyPublic;
        final List<OpennessGap> gaps = new ArrayList<>();

        Tally(String code, String name) {
            this.code = code;
            this.name = name;
        }

        void add(String item, String itemName, List<String> missing) {
            items++;
            if (missing.isEmpty()) {
                fullyPublic++;
            } else {
                gaps.add(new OpennessGap(item, itemName, missing));
            }
        }

        OpennessRow row() {
            return new OpennessRow(code, name, items, fullyPublic, DashboardQueries.rate(fullyPublic, items),
                    List.copyOf(gaps));
        }
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
