package cn.daiban.query.ledger;

import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.SatisfactionGrade;
import cn.daiban.kernel.delegation.ServiceMode;
import cn.daiban.kernel.ledger.ConsultationRecordResponse;
import cn.daiban.kernel.ledger.DelegationDetailResponse;
import cn.daiban.kernel.ledger.FetchConsultationRecordQuery;
import cn.daiban.kernel.ledger.FetchDelegationDetailQuery;
import cn.daiban.kernel.ledger.FetchRegisterQuery;
import cn.daiban.kernel.ledger.FetchWorkLedgerQuery;
import cn.daiban.kernel.ledger.FetchWorkLogQuery;
import cn.daiban.kernel.ledger.LedgerFilter;
import cn.daiban.kernel.ledger.RegisterResponse;
import cn.daiban.kernel.ledger.WorkLedgerResponse;
import cn.daiban.kernel.ledger.WorkLogResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The work ledger, the assist / proxy registers, the consultation record, the work log and the delegation detail. Every list is
 * one indexed query with its page; exports stream the same queries row by row through a cursor.
 */
@Component
public class LedgerQueries {

    private static final String LEDGER_FROM =
            " from delegation_view d left join station_directory s on s.station_code = d.station_code where %s";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    private final FigureSums figures;

    private PendingTransfers transfers;
    private cn.daiban.kernel.calendar.ServiceClock clock;

    LedgerQueries(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.figures = new FigureSums(jdbc);
    }

    /** Set by Spring (also on a subclass a test declares with the two-argument constructor). */
    @org.springframework.beans.factory.annotation.Autowired
    void pendingTransfers(PendingTransfers transfers, cn.daiban.kernel.calendar.ServiceClock clock) {
        this.transfers = transfers;
        this.clock = clock;
    }

    /** A filter turned into SQL: the CTE, the where clause, its arguments. */
    record Where(String cte, String clause, List<Object> args, String order) {

        /** The count of the filter's rows (each filter's index carries the station, V163, so it can be read alone). */
        String countSql() {
            return cte + "select count(*)" + LEDGER_FROM.formatted(clause);
        }

        /** A page of the filter's rows in its order; its arguments are {@link #args()}, then the size and offset. */
        String pageSql() {
            return cte + "select d.*, s.name as station_name" + LEDGER_FROM.formatted(clause) + order + " limit ? offset ?";
        }
    }

    static Where where(LedgerFilter f) {
        ScopeSql scope = ScopeSql.of(f.stationCode(), f.rollUp());
        List<Object> args = new ArrayList<>(scope.args());
        StringBuilder clause = new StringBuilder(scope.on("d.station_code"));
        if (f.window() != null) {
            clause.append(" and d.window_name = ?");
            args.add(f.window());
        }
        if (f.from() != null) {
            clause.append(" and d.received_on >= ?");
            args.add(Date.valueOf(f.from()));
        }
        if (f.to() != null) {
            clause.append(" and d.received_on <= ?");
            args.add(Date.valueOf(f.to()));
        }
        if (f.status() != null) {
            clause.append(" and d.status = ?");
            args.add(f.status().name());
        }
        if (f.itemCode() != null) {
            clause.append(" and d.item_code = ?");
            args.add(f.itemCode());
        }
        if (f.agentId() != null) {
            clause.append(" and d.agent_id = ?");
            args.add(f.agentId());
        }
        if (f.kind() != null) {
            clause.append(" and d.kind = ?");
            args.add(f.kind().name());
        }
        if (f.clientCategory() != null) {
            // The GIN index on client_categories answers the containment.
            clause.append(" and d.client_categories @> array[cast(? as varchar)]");
            args.add(f.clientCategory());
        }
        // Oldest first is the exact reverse of newest first, so one index (V164) serves both, read either way.
        String order = f.oldestFirst() ? " order by d.received_at, d.delegation_id desc"
                : " order by d.received_at desc, d.delegation_id";
        return new Where(scope.cte(), clause.toString(), args, order);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public WorkLedgerResponse handle(FetchWorkLedgerQuery query) {
        Where w = where(query.filter());
        long total = total(query.filter(), w);
        List<WorkLedgerResponse.Row> rows = new ArrayList<>();
        long offset = (long) query.page() * query.size();
        page(w, query.size(), offset, rs -> rows.add(ledgerRow(rs, offset + rows.size() + 1)));
        return new WorkLedgerResponse(rows, query.page(), query.size(), total);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public RegisterResponse handle(FetchRegisterQuery query) {
        Where w = where(query.filter());
        long total = total(query.filter(), w);
        List<RegisterResponse.Row> rows = new ArrayList<>();
        long offset = (long) query.page() * query.size();
        page(w, query.size(), offset, rs -> rows.add(registerRow(rs, offset + rows.size() + 1)));
        return new RegisterResponse(query.filter().kind().name(), rows, query.page(), query.size(), total);
    }

    /** Streams every ledger row of the filter to {@code sink}, oldest or newest first, through a cursor. */
    @Transactional(readOnly = true)
    public void streamLedger(LedgerFilter filter, RowSink<WorkLedgerResponse.Row> sink) {
        Where w = where(filter);
        long[] serial = {0};
        stream(w.cte() + "select d.*, s.name as station_name" + LEDGER_FROM.formatted(w.clause()) + w.order(),
                w.args(), rs -> emit(sink, ledgerRow(rs, ++serial[0])));
    }

    @Transactional(readOnly = true)
    public void streamRegister(LedgerFilter filter, RowSink<RegisterResponse.Row> sink) {
        Where w = where(filter);
        long[] serial = {0};
        stream(w.cte() + "select d.*, s.name as station_name" + LEDGER_FROM.formatted(w.clause()) + w.order(),
                w.args(), rs -> emit(sink, registerRow(rs, ++serial[0])));
    }

    private static <T> void emit(RowSink<T> sink, T row) {
        try {
            sink.accept(row);
        } catch (IOException e) {
            throw new UncheckedIOException("the client stopped reading the export", e);
        }
    }

    /** Receives streamed rows; may write them out as they come. */
    @FunctionalInterface
    public interface RowSink<T> {
        void accept(T row) throws IOException;
    }

    /**
     * The ledger's or a register's total, from the projection's counters where it can be, so that its work grows
     * with stations and months, not with matters:
     * <ul>
     * <li>filtered by stations and dates only (the ledger as it opens, and its commonest view): the sum of the intake
     * counters (every row of delegation_view is counted once by its received_on, accepted or declined);</li>
     * <li>filtered by stations and one of window, status, item, agent or kind, without dates (a register's total
     * with no other filter): the sum of that filter's counters ({@code delegation_facet_figure}, V165);</li>
     * <li>anything else (two of those filters, one of them with dates, a client category): counted over the
     * matching rows, reached through a filter's index (each holds the station too, V163).</li>
     * </ul>
     */
    private long total(LedgerFilter f, Where w) {
        ScopeSql scope = ScopeSql.of(f.stationCode(), f.rollUp());
        List<String[]> facets = new ArrayList<>();
        if (f.window() != null) {
            facets.add(new String[] {"window", f.window()});
        }
        if (f.status() != null) {
            facets.add(new String[] {"status", f.status().name()});
        }
        if (f.itemCode() != null) {
            facets.add(new String[] {"item", f.itemCode()});
        }
        if (f.agentId() != null) {
            facets.add(new String[] {"agent", f.agentId()});
        }
        if (f.kind() != null) {
            facets.add(new String[] {"kind", f.kind().name()});
        }
        if (f.clientCategory() == null && facets.isEmpty()) {
            return figures.received(scope, f.from(), f.to());
        }
        if (f.clientCategory() == null && facets.size() == 1 && f.from() == null && f.to() == null) {
            return figures.matching(scope, facets.get(0)[0], facets.get(0)[1]);
        }
        return count(w);
    }

    private long count(Where w) {
        Long total = jdbc.queryForObject(w.countSql(), Long.class, w.args().toArray());
        return total == null ? 0 : total;
    }

    private void page(Where w, int size, long offset, RowCallbackHandler handler) {
        List<Object> args = new ArrayList<>(w.args());
        args.add(size);
        args.add(offset);
        jdbc.query(w.pageSql(), handler, args.toArray());
    }

    private void stream(String sql, List<Object> args, RowCallbackHandler handler) {
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(500);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            return statement;
        }, handler);
    }

    private static WorkLedgerResponse.Row ledgerRow(ResultSet rs, long serial) throws SQLException {
        boolean declined = rs.getBoolean("declined");
        LocalDate received = rs.getObject("received_on", LocalDate.class);
        LocalDate completed = rs.getObject("completed_on", LocalDate.class);
        Timestamp completedAt = rs.getTimestamp("completed_at");
        Instant sameDay = completed != null && completed.equals(received) && completedAt != null
                ? completedAt.toInstant() : null;
        return new WorkLedgerResponse.Row(serial, received, rs.getString("station_name"), rs.getString("window_name"),
                rs.getString("department"), rs.getString("client_name"), rs.getString("client_phone"),
                rs.getString("item_name"), !declined, (Integer) rs.getObject("promised_working_days"),
                DelegationStatus.valueOf(rs.getString("status")).label(), rs.getString("decline_reason"),
                rs.getTimestamp("received_at").toInstant(), sameDay, rs.getString("agent_id"), remark(rs),
                rs.getString("delegation_id"), rs.getString("station_code"), rs.getString("kind"),
                firstNonNull(rs.getString("first_receiver_name"), rs.getString("first_receiver_id"),
                        rs.getString("agent_id")),
                firstNonNull(rs.getString("first_receiver_id"), rs.getString("agent_id"), null),
                rs.getBoolean("deadline_provisional"));
    }

    private static RegisterResponse.Row registerRow(ResultSet rs, long serial) throws SQLException {
        String mode = rs.getString("mode");
        DelegationKind kind = DelegationKind.valueOf(rs.getString("kind"));
        String modeLabel = mode == null ? "" : ServiceMode.valueOf(mode).label();
        String acceptance = rs.getBoolean("declined") ? "不予受理：" + rs.getString("decline_reason")
                : "申请人自愿委托" + kind.label() + (mode == null ? "" : "（" + modeLabel + "）");
        LocalDate received = rs.getObject("received_on", LocalDate.class);
        LocalDate completed = rs.getObject("completed_on", LocalDate.class);
        String time = received + (completed == null ? "" : " 至 " + completed);
        String result;
        if (rs.getObject("successful") != null) {
            result = rs.getBoolean("successful") ? "办结：" + rs.getString("result_reference")
                    : "未办成：" + rs.getString("failure_reason");
        } else {
            result = DelegationStatus.valueOf(rs.getString("status")).label();
        }
        String grade = rs.getString("grade");
        return new RegisterResponse.Row(serial, rs.getString("item_name"), acceptance, kind.label() + "·" + modeLabel,
                time, result, rs.getString("client_name"), grade == null ? "" : SatisfactionGrade.valueOf(grade).label(),
                remark(rs), rs.getString("delegation_id"));
    }

    /** 备注's words for a promised date in a year whose working-day calendar is not loaded yet (DOMAIN.md "Time"). */
    static final String PROVISIONAL_REMARK = "办理时限暂定（该年度节假日安排未公布，公布后重新计算）；";
    /** A result that could not be handed over and is kept for the client (留存待领), until a delivery is recorded. */
    static final String HELD_REMARK = "结果未能送达，%s起留存待领；";

    /**
     * 备注: what commissioning noted (authority, 容缺, 并联 …); while any is outstanding, each tolerated material
     * with its committed date, overdue ones said so (000 §7.2.1 d); a promised date that is still provisional; and a
     * result kept for collection, not delivered (留存待领).
     */
    private static String remark(ResultSet rs) throws SQLException {
        StringBuilder remark = new StringBuilder();
        java.sql.Date held = rs.getDate("result_held_on");
        for (String part : new String[] {rs.getString("remark"), rs.getString("materials_remark"),
                rs.getBoolean("deadline_provisional") ? PROVISIONAL_REMARK : null,
                held != null && rs.getDate("delivered_on") == null
                        ? HELD_REMARK.formatted(held.toLocalDate()) : null}) {
            if (part != null) {
                remark.append(part);
            }
        }
        return remark.isEmpty() ? null : remark.toString();
    }

    // ---------------------------------------------------------------------------------------- consultations

    private record ConsultationWhere(String cte, String clause, List<Object> args) {
    }

    private static ConsultationWhere where(FetchConsultationRecordQuery q) {
        ScopeSql scope = ScopeSql.of(q.stationCode(), q.rollUp());
        List<Object> args = new ArrayList<>(scope.args());
        StringBuilder clause = new StringBuilder(scope.on("c.station_code"));
        if (q.from() != null) {
            clause.append(" and c.recorded_on >= ?");
            args.add(Date.valueOf(q.from()));
        }
        if (q.to() != null) {
            clause.append(" and c.recorded_on <= ?");
            args.add(Date.valueOf(q.to()));
        }
        if (q.timeliness() != null) {
            clause.append(switch (q.timeliness()) {
                case IN_TIME -> " and c.in_time";
                case LATE -> " and (c.in_time = false or (c.in_time is null and c.overdue))";
                case PENDING -> " and c.answered_on is null";
            });
        }
        return new ConsultationWhere(scope.cte(), clause.toString(), args);
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public ConsultationRecordResponse handle(FetchConsultationRecordQuery query) {
        ConsultationWhere w = where(query);
        Long total = jdbc.queryForObject(w.cte() + "select count(*) from consultation_view c where " + w.clause(),
                Long.class, w.args().toArray());
        List<Object> args = new ArrayList<>(w.args());
        args.add(query.size());
        long offset = (long) query.page() * query.size();
        args.add(offset);
        List<ConsultationRecordResponse.Row> rows = new ArrayList<>();
        jdbc.query(w.cte() + "select c.* from consultation_view c where " + w.clause()
                        + " order by c.recorded_at desc, c.consultation_id limit ? offset ?",
                (RowCallbackHandler) rs -> rows.add(consultationRow(rs, offset + rows.size() + 1)), args.toArray());
        return new ConsultationRecordResponse(rows, query.page(), query.size(), total == null ? 0 : total);
    }

    @Transactional(readOnly = true)
    public void streamConsultations(FetchConsultationRecordQuery query, RowSink<ConsultationRecordResponse.Row> sink) {
        ConsultationWhere w = where(query);
        long[] serial = {0};
        stream(w.cte() + "select c.* from consultation_view c where " + w.clause()
                + " order by c.recorded_at desc, c.consultation_id", w.args(), rs -> emit(sink, consultationRow(rs, ++serial[0])));
    }

    private static ConsultationRecordResponse.Row consultationRow(ResultSet rs, long serial) throws SQLException {
        return new ConsultationRecordResponse.Row(serial, rs.getObject("recorded_on", LocalDate.class),
                rs.getString("station_code"), rs.getString("visitor_name"), rs.getString("contact"),
                rs.getString("channel"), rs.getString("content"), rs.getString("answer"), rs.getString("forwarded_to"),
                rs.getObject("reply_due", LocalDate.class), rs.getObject("answered_on", LocalDate.class),
                (Boolean) rs.getObject("in_time"), rs.getBoolean("overdue"), rs.getString("delegation_id"),
                rs.getString("consultation_id"));
    }

    // ---------------------------------------------------------------------------------------------- work log

    /**
     * Open problem: a problem recorded without its resolution, not resolved by a later entry since, and its matter not
     * archived (then it is closed unresolved, V173). The predicate of the partial index work_log_open_problems.
     */
    static final String OPEN_PROBLEM = "w.kind = 'PROBLEM' and w.resolution is null and w.resolved_by is null "
            + "and w.closed_on is null";

    private record WorkLogWhere(String cte, String clause, List<Object> args) {
    }

    /** A page of the work log: its text and arguments (the filter's, then the size and offset). */
    record WorkLogPage(String sql, List<Object> args) {
    }

    static WorkLogPage workLogPage(FetchWorkLogQuery query) {
        WorkLogWhere w = where(query);
        List<Object> args = new ArrayList<>(w.args());
        args.add(query.size());
        args.add((long) query.page() * query.size());
        return new WorkLogPage(w.cte() + WORK_LOG_SELECT + w.clause() + WORK_LOG_ORDER + " limit ? offset ?", args);
    }

    /** Each filter reads an index of V170: the station's days, by kind, or its open problems. */
    private static WorkLogWhere where(FetchWorkLogQuery q) {
        ScopeSql scope = ScopeSql.of(q.stationCode(), q.rollUp());
        List<Object> args = new ArrayList<>(scope.args());
        StringBuilder clause = new StringBuilder(scope.on("w.station_code"));
        if (q.from() != null) {
            clause.append(" and w.occurred_on >= ?");
            args.add(Date.valueOf(q.from()));
        }
        if (q.to() != null) {
            clause.append(" and w.occurred_on <= ?");
            args.add(Date.valueOf(q.to()));
        }
        if (q.kind() != null) {
            clause.append(" and w.kind = ?");
            args.add(q.kind().name());
        }
        if (q.openProblems()) {
            clause.append(" and ").append(OPEN_PROBLEM);
        }
        return new WorkLogWhere(scope.cte(), clause.toString(), args);
    }

    /**
     * The entries with their matter's item and client, each looked up by its key once the entry is read (lateral):
     * the log's index is read in the list's order whatever the statistics say of the matters.
     */
    private static final String WORK_LOG_SELECT = "select w.*, d.item_name, d.client_name, s.name as station_name, "
            + "(" + OPEN_PROBLEM + ") as open from work_log_entry w "
            + "left join lateral (select v.item_name, v.client_name from delegation_view v "
            + "where v.delegation_id = w.delegation_id) d on true "
            + "left join station_directory s on s.station_code = w.station_code where ";
    /** Newest first: the order of the station's index, and of the day index across stations (V170, V171). */
    private static final String WORK_LOG_ORDER =
            " order by w.occurred_on desc, w.occurred_at desc, w.delegation_id, w.number";

    @QueryHandler
    @Transactional(readOnly = true)
    public WorkLogResponse handle(FetchWorkLogQuery query) {
        WorkLogWhere w = where(query);
        Long total = jdbc.queryForObject(w.cte() + "select count(*) from work_log_entry w where " + w.clause(),
                Long.class, w.args().toArray());
        long offset = (long) query.page() * query.size();
        WorkLogPage page = workLogPage(query);
        List<WorkLogResponse.Row> rows = new ArrayList<>();
        jdbc.query(page.sql(), (RowCallbackHandler) rs -> rows.add(workLogRow(rs, offset + rows.size() + 1)),
                page.args().toArray());
        return new WorkLogResponse(rows, query.page(), query.size(), total == null ? 0 : total);
    }

    @Transactional(readOnly = true)
    public void streamWorkLog(FetchWorkLogQuery query, RowSink<WorkLogResponse.Row> sink) {
        WorkLogWhere w = where(query);
        long[] serial = {0};
        stream(w.cte() + WORK_LOG_SELECT + w.clause() + WORK_LOG_ORDER, w.args(),
                rs -> emit(sink, workLogRow(rs, ++serial[0])));
    }

    private static WorkLogResponse.Row workLogRow(ResultSet rs, long serial) throws SQLException {
        return new WorkLogResponse.Row(serial, rs.getObject("occurred_on", LocalDate.class),
                rs.getString("station_code"), rs.getString("station_name"), rs.getString("delegation_id"),
                rs.getString("item_name"), rs.getString("client_name"), rs.getInt("number"), rs.getString("kind"),
                rs.getString("summary"), rs.getString("analysis"), rs.getString("resolution"),
                rs.getString("department"), rs.getString("contact"), (Integer) rs.getObject("resolves"),
                (Integer) rs.getObject("resolved_by"), rs.getObject("resolved_on", LocalDate.class),
                rs.getBoolean("open"), rs.getString("recorded_by"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant());
    }

    // ---------------------------------------------------------------------------------------------- detail

    private static java.time.Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    @QueryHandler
    @Transactional(readOnly = true)
    public Optional<DelegationDetailResponse> handle(FetchDelegationDetailQuery query) {
        String id = query.delegationId().value();
        List<DelegationDetailResponse.Step> steps = jdbc.query(
                "select * from delegation_step where delegation_id = ? order by sequence",
                (rs, n) -> new DelegationDetailResponse.Step(rs.getLong("sequence"), rs.getTimestamp("at").toInstant(),
                        rs.getString("event_type"), rs.getString("actor_id"), rs.getString("station_code"),
                        rs.getString("summary"), instant(rs.getTimestamp("occurred_at")),
                        rs.getString("backdating_reason")), id);
        List<DelegationDetailResponse.Evaluation> evaluations = jdbc.query(
                "select * from evaluation_view where delegation_id = ? order by number",
                (rs, n) -> new DelegationDetailResponse.Evaluation(rs.getInt("number"), rs.getString("overall"),
                        rs.getString("attitude"), rs.getString("quality"), rs.getString("efficiency"),
                        rs.getString("channel"), rs.getString("comment"), rs.getObject("evaluated_on", LocalDate.class),
                        rs.getBoolean("voided"), rs.getString("void_reason"), rs.getString("entered_by")), id);
        List<DelegationDetailResponse.WorkLogEntry> workLog = jdbc.query(
                "select w.*, (" + OPEN_PROBLEM + ") as open from work_log_entry w where w.delegation_id = ? "
                        + "order by w.number",
                (rs, n) -> new DelegationDetailResponse.WorkLogEntry(rs.getInt("number"), rs.getString("kind"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("summary"), rs.getString("analysis"),
                        rs.getString("resolution"), rs.getString("department"), rs.getString("contact"),
                        (Integer) rs.getObject("resolves"), (Integer) rs.getObject("resolved_by"),
                        rs.getBoolean("open"), rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant()),
                id);
        // 001 §6.4.2: the matters taken on again after this one (their own rows name it; V172's index).
        List<DelegationDetailResponse.Reapplication> reapplications = jdbc.query("""
                        select delegation_id, station_code, received_on, status, successful from delegation_view
                        where previous_delegation_id = ? order by received_at, delegation_id""",
                (rs, n) -> new DelegationDetailResponse.Reapplication(rs.getString("delegation_id"),
                        rs.getString("station_code"), rs.getObject("received_on", LocalDate.class),
                        rs.getString("status"), (Boolean) rs.getObject("successful")), id);
        return jdbc.query("select * from delegation_view where delegation_id = ?", (rs, n) ->
                new DelegationDetailResponse(id, rs.getString("kind"), rs.getString("status"),
                        rs.getString("station_code"), rs.getString("window_name"), rs.getString("item_code"),
                        rs.getString("item_name"), (Integer) rs.getObject("item_revision"), rs.getString("agent_id"),
                        rs.getString("client_name"), rs.getString("acceptance_form_number"),
                        rs.getTimestamp("received_at").toInstant(), (Integer) rs.getObject("promised_working_days"),
                        rs.getObject("original_deadline", LocalDate.class), rs.getObject("deadline", LocalDate.class),
                        rs.getInt("paused_working_days"), rs.getBoolean("at_risk"), rs.getBoolean("overdue"),
                        rs.getObject("completed_on", LocalDate.class), (Boolean) rs.getObject("on_time"),
                        rs.getString("result_reference"), rs.getString("rectification_status"),
                        details(rs.getString("details")), steps, evaluations,
                        firstNonNull(rs.getString("first_receiver_name"), rs.getString("first_receiver_id"),
                                rs.getString("agent_id")),
                        firstNonNull(rs.getString("first_receiver_id"), rs.getString("agent_id"), null),
                        firstNonNull(rs.getString("handler_name"), rs.getString("agent_id"), null),
                        toleratedMaterials(details(rs.getString("details"))), rs.getBoolean("deadline_provisional"),
                        pendingTransfer(rs), workLog, rs.getString("previous_delegation_id"), reapplications), id)
                .stream().findFirst();
    }

    /** 003 三(五): the transfer waiting for its receiver, late once it waits longer than a working day. */
    private DelegationDetailResponse.PendingTransfer pendingTransfer(ResultSet rs) throws SQLException {
        if (rs.getString("transfer_to") == null) {
            return null;
        }
        java.time.Instant requestedAt = rs.getTimestamp("transfer_requested_at").toInstant();
        return new DelegationDetailResponse.PendingTransfer(rs.getString("transfer_from"), rs.getString("transfer_to"),
                rs.getString("transfer_reason"), requestedAt, transfers.late(requestedAt, clock.today()));
    }

    /** A name if the view has one, else the id (an agent the views do not know). */
    private static String firstNonNull(String first, String second, String third) {
        return first != null ? first : second != null ? second : third;
    }

    /** The details' tolerated:&lt;name&gt; entries (容缺, 000 §7.2.1 d), by committed date, then name. */
    private static List<DelegationDetailResponse.ToleratedMaterial> toleratedMaterials(Map<String, Object> details) {
        String prefix = "tolerated:";
        return details.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix) && entry.getValue() instanceof Map<?, ?>)
                .map(entry -> {
                    Map<?, ?> value = (Map<?, ?>) entry.getValue();
                    Object committed = value.get("committedDate");
                    Object received = value.get("receivedOn");
                    return new DelegationDetailResponse.ToleratedMaterial(entry.getKey().substring(prefix.length()),
                            committed == null ? null : LocalDate.parse(committed.toString()),
                            String.valueOf(value.get("status")),
                            received == null ? null : LocalDate.parse(received.toString()));
                })
                .sorted(java.util.Comparator.comparing(DelegationDetailResponse.ToleratedMaterial::committedDate,
                                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))
                        .thenComparing(DelegationDetailResponse.ToleratedMaterial::materialName))
                .toList();
    }

    private Map<String, Object> details(String details) {
        try {
            return json.readValue(details, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
