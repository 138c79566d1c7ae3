package cn.daiban.query.web;

import cn.daiban.security.Role;
import cn.daiban.security.StationHierarchy;
import cn.daiban.security.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read what, decided before any view is built. A user's jurisdiction is their station and every station
 * below it (an administrator's is everything).
 *
 * <ul>
 *   <li>The public face ({@code /api/public/**}): everyone, signed in or not; it holds no client data.</li>
 *   <li>Reference data — the station directory and a station's card, the catalogue, the calendar, the client categories: every user.</li>
 *   <li>A station's views ({@code /api/stations/{code}/…}, live updates) and every list filtered by
 *       {@code station} (ledger, registers, consultations, work log, complaints, satisfaction, supervision flags): the
 *       station must lie in the reader's jurisdiction; everyone but an administrator names one.</li>
 *   <li>One matter, agent or notification: its station must lie in the reader's jurisdiction.</li>
 *   <li>Audit history, the quarterly assessment and point-in-time views: supervisors and administrators, within
 *       jurisdiction; a person's history ({@code /api/audit/actors/…}) for a supervisor is filtered to a station of
 *       theirs; verification of the whole store and digests, supervisors and administrators.</li>
 *   <li>A client's full, unmasked record ({@code /api/personal-data/…}): the staff of its station and
 *       administrators; who read it is recorded, and supervision reads that record
 *       ({@code /api/audit/personal-data-access}).</li>
 *   <li>Administration ({@code /api/admin/**}: rebuilds, dead letters): administrators.</li>
 * </ul>
 */
@Component
class ReadAccess implements HandlerInterceptor {

    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final List<String> OPEN = List.of("/api/catalogue/**", "/api/calendar/**", "/api/client-categories", "/api/stations",
            "/api/stations/{code}", "/api/dev/**");
    /** The public face: no login, no client data (`000 §4.4`); the security chain lets these through anonymous. */
    private static final List<String> PUBLIC = List.of("/api/public/**");
    private static final List<String> STATION_LISTS = List.of("/api/ledger", "/api/ledger.*", "/api/registers/**",
            "/api/consultations", "/api/consultations.*", "/api/work-log", "/api/work-log.*", "/api/complaints", "/api/satisfaction",
            "/api/satisfaction/**", "/api/supervision/flags", "/api/supervision/backdated-steps", "/api/supervision/one-time-notice-breaches",
            "/api/supervision/rectifications", "/api/supervision/ledger-completeness", "/api/supervision/openness",
            "/api/supervision/demand");
    private static final List<String> SUPERVISION = List.of("/api/audit/**", "/api/assessments/**", "/api/as-of/**");

    private final JdbcTemplate jdbc;
    private final StationHierarchy hierarchy;

    ReadAccess(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.hierarchy = new StationHierarchy(jdbc, "station_directory");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof org.springframework.web.method.HandlerMethod)) {
            // No view is routed here (the static resource handler answers 404 problem+json): nothing to read, so
            // nothing to refuse; a signed-in user learns the address is wrong, not that it is forbidden.
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith("/api/") || matches(OPEN, path) || matches(PUBLIC, path)) {
            return true;
        }
        User user = User.require();
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        variables = variables == null ? Map.of() : variables;
        if (PATHS.match("/api/admin/**", path)) {
            require(user.isAdministrator(), "administration (rebuilds, dead letters) is an administrator's");
            return true;
        }
        if (matches(SUPERVISION, path)) {
            require(user.is(Role.SUPERVISOR, Role.ADMINISTRATOR),
                    "audit history, assessments and past views are for supervision");
            if (PATHS.match("/api/audit/streams/{id}", path)) {
                stationOf(variables.get("aggregateId")).ifPresent(station -> covered(user, station));
            } else if (PATHS.match("/api/audit/actors/**", path) || PATHS.match("/api/assessments/**", path)
                    || PATHS.match("/api/audit/personal-data-access", path)
                    || PATHS.match("/api/as-of/ledger", path) || PATHS.match("/api/as-of/satisfaction", path)) {
                stationParameter(user, request);
            } else if (PATHS.match("/api/audit/verification", path) && request.getParameter("aggregateId") != null) {
                stationOf(request.getParameter("aggregateId")).ifPresent(station -> covered(user, station));
            }
            String code = variables.getOrDefault("code", variables.get("stationCode"));
            if (code != null) {
                covered(user, code);
            }
            return true;
        }
        if (PATHS.match("/api/stations/{code}/**", path) || PATHS.match("/api/live/stations/{code}", path)) {
            covered(user, variables.get("code"));
            return true;
        }
        if (matches(STATION_LISTS, path)) {
            stationParameter(user, request);
            return true;
        }
        if (PATHS.match("/api/personal-data/{id}", path)) {
            // Unmasked personal data: only the staff of the record's station (and administrators) need it.
            stationOf(variables.get("subjectId")).ifPresent(station -> require(user.isAdministrator()
                            || user.is(Role.AGENT, Role.STATION_MANAGER) && station.equals(user.station()),
                    "a client's full record is for the staff of its station"));
            return true;
        }
                if (PATHS.match("/api/delegations/{id}", path) || PATHS.match("/api/agents/{id}", path)
                || PATHS.match("/api/notifications/{id}", path)) {
            String id = variables.getOrDefault("id", variables.get("subjectId"));
            stationOf(id).ifPresent(station -> covered(user, station));
            return true;
        }
        // Anything else under /api is refused until a rule names it: nothing is readable by accident.
        throw new AccessDeniedException("no read rule covers " + path);
    }

    private void stationParameter(User user, HttpServletRequest request) {
        String station = request.getParameter("station");
        if (station == null || station.isBlank()) {
            require(user.isAdministrator(), "name a station of your jurisdiction (station=" + user.station() + ")");
            return;
        }
        covered(user, station);
    }

    private void covered(User user, String station) {
        require(hierarchy.covers(user, station), "station " + station + " is outside the jurisdiction of "
                + (user.station() == null ? user.role() : user.station()));
    }

    /** The station a matter, booking, complaint, consultation, agent or station stream belongs to. */
    Optional<String> stationOf(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return jdbc.query("""
                select station_code from delegation_view where delegation_id = ?
                union all select station_code from consultation_view where consultation_id = ?
                union all select station_code from complaint_view where complaint_id = ?
                union all select station_code from appointment_view where appointment_id = ?
                union all select station_code from agent where agent_id = ?
                union all select station_code from station_directory where station_code = ?
                limit 1""", rs -> rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty(),
                id, id, id, id, id, id);
    }

    private static boolean matches(List<String> patterns, String path) {
        return patterns.stream().anyMatch(pattern -> PATHS.match(pattern, path));
    }

    private static void require(boolean allowed, String rule) {
        if (!allowed) {
            throw new AccessDeniedException(rule);
        }
    }
}
