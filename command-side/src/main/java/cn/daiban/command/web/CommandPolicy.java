package cn.daiban.command.web;

import cn.daiban.security.Role;
import cn.daiban.security.StationHierarchy;
import cn.daiban.security.User;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.Optional;

import static cn.daiban.security.Role.ADMINISTRATOR;
import static cn.daiban.security.Role.AGENT;
import static cn.daiban.security.Role.STATION_MANAGER;
import static cn.daiban.security.Role.SUPERVISOR;

/**
 * Who may send which command, decided from the signed-in user (role and station) and the station the command
 * concerns, before it is sent. Everything not allowed here is refused with 403; a command type without a rule is
 * refused too, so a new command cannot slip through unguarded.
 *
 * <ul>
 *   <li>Catalogue and calendar: administrators.</li>
 *   <li>Stations: applying to open a county centre, administrators; a station below, an administrator or the
 *       manager of its parent; deciding an application (opening, change, closure), the manager of the supervising
 *       (parent) station or an administrator on its behalf; applying for a change or closure and submitting
 *       statistics, the station's manager.</li>
 *   <li>Agents: the manager of the agent's station.</li>
 *   <li>Delegations: agents and managers of the delegation's station; the upper level's decision and the return
 *       of its result, agents and managers of a station above it; voiding a grade on appeal, administrators.
 *       Supervisors issue no command on a delegation.</li>
 *   <li>Consultations: agents and managers of its station; a forwarded one is answered there or above.</li>
 *   <li>Complaints: received by the station's staff, or by a supervisor or administrator over it; handled by a
 *       supervisor over the station, the manager of a station above it, or an administrator.</li>
 *   <li>Bookings: the schedule, the station's manager; booking, cancelling and serving, the station's staff.</li>
 * </ul>
 */
@Component
class CommandPolicy {

    private final JdbcClient jdbc;
    private final StationHierarchy hierarchy;

    CommandPolicy(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.hierarchy = new StationHierarchy(template, "station_registry");
    }

    void check(User user, Object command) {
        String type = command.getClass().getSimpleName();
        String area = command.getClass().getPackageName();
        area = area.substring(area.lastIndexOf('.') + 1);
        switch (area) {
            case "catalogue", "calendar" -> require(user.isAdministrator(), user, type,
                    "only an administrator keeps the catalogue and the calendar");
            case "station" -> station(user, type, command);
            case "agent" -> {
                String station = type.equals("RegisterAgentCommand") ? component(command, "stationCode")
                        : lookup("select station_code from agent_registry where agent_id = ?", component(command, "agentId"))
                        .orElse(null);
                if (station != null) {
                    require(at(user, station, STATION_MANAGER), user, type, "agents are managed by their station's manager");
                }
            }
            case "delegation" -> delegation(user, type, command);
            case "consultation" -> {
                String station = type.equals("RecordConsultationCommand") ? component(command, "stationCode")
                        : lookup("select station_code from subject_station where subject_id = ?",
                        component(command, "consultationId")).orElse(null);
                if (station != null) {
                    boolean answering = type.equals("ForwardConsultationCommand") || type.equals("AnswerConsultationCommand");
                    require(user.is(AGENT, STATION_MANAGER) && (user.station().equals(station)
                                    || answering && hierarchy.isAbove(user.station(), station)), user, type,
                            "consultations are kept by the staff of their station");
                }
            }
            case "complaint" -> complaint(user, type, command);
            case "appointment" -> {
                String station = type.equals("BookAppointmentCommand") || type.equals("PublishBookingScheduleCommand")
                        ? component(command, "stationCode")
                        : lookup("select station_code from booking_registry where appointment_id = ?",
                        component(command, "appointmentId")).orElse(null);
                if (station != null) {
                    Role[] roles = type.equals("PublishBookingScheduleCommand")
                            ? new Role[]{STATION_MANAGER} : new Role[]{AGENT, STATION_MANAGER};
                    require(at(user, station, roles), user, type, "bookings are kept by the staff of their station");
                }
            }
            case "privacy" -> require(user.isAdministrator(), user, type, "only an administrator erases personal data");
            default -> throw denied(user, type, "no rule allows it");
        }
    }

    /**
     * Whether the user may read a delegation's documents (which show the client in full): its station's staff, or a
     * supervisor over it. @return the delegation's station, if it is known
     */
    Optional<String> checkRead(User user, String delegationId) {
        Optional<String> station = lookup("select station_code from delegation_registry where delegation_id = ?",
                delegationId);
        station.ifPresent(code -> require(at(user, code, AGENT, STATION_MANAGER)
                        || user.is(SUPERVISOR, ADMINISTRATOR) && hierarchy.covers(user, code), user,
                "read " + delegationId, "outside the reader's jurisdiction"));
        return station;
    }

    /** The station's parent (its supervising level), if it has one. */
    Optional<String> parentOf(String station) {
        return lookup("select parent_code from station_registry where station_code = ?", station);
    }

    private void station(User user, String type, Object command) {
        String station = component(command, "stationCode");
        switch (type) {
            case "RequestStationOpeningCommand" -> {
                String parent = component(command, "parentCode");
                require(user.isAdministrator() || parent != null && at(user, parent, STATION_MANAGER), user, type,
                        "a station is opened by an administrator or applied for by the manager of its parent");
            }
            case "ApproveStationOpeningCommand", "RefuseStationOpeningCommand", "ApproveStationChangeCommand",
                 "RefuseStationChangeCommand", "ApproveStationClosureCommand", "RefuseStationClosureCommand" -> {
                Optional<String> parent = lookup("select parent_code from station_registry where station_code = ?",
                        station);
                require(user.isAdministrator() || parent.isPresent() && at(user, parent.get(), STATION_MANAGER),
                        user, type, "applications are decided by the supervising station's manager or an administrator");
            }
            default -> require(at(user, station, STATION_MANAGER), user, type,
                    "a station's applications and statistics are its manager's");
        }
    }

    private void delegation(User user, String type, Object command) {
        if (type.equals("CommissionDelegationCommand") || type.equals("DeclineDelegationCommand")) {
            require(at(user, component(command, "stationCode"), AGENT, STATION_MANAGER), user, type,
                    "matters are taken by the staff of the station");
            return;
        }
        if (type.equals("VoidEvaluationCommand")) {
            require(user.isAdministrator(), user, type, "a grade is voided on appeal by the administration");
            return;
        }
        Optional<String> station = lookup("select station_code from delegation_registry where delegation_id = ?",
                component(command, "delegationId"));
        if (station.isEmpty()) {
            return;
        }
        boolean upperLevel = type.equals("RecordUpperLevelDecisionCommand") || type.equals("ReturnResultCommand");
        require(user.is(AGENT, STATION_MANAGER) && (upperLevel
                        ? hierarchy.isAbove(user.station(), station.get())
                        : user.station().equals(station.get())), user, type,
                upperLevel ? "the decision belongs to a level above the matter's station"
                        : "a matter is handled by the staff of its station");
    }

    private void complaint(User user, String type, Object command) {
        String station = type.equals("FileComplaintCommand") ? component(command, "stationCode")
                : lookup("select station_code from subject_station where subject_id = ?", component(command, "complaintId"))
                .orElse(null);
        if (station == null) {
            return;
        }
        boolean supervises = user.isAdministrator() || user.is(SUPERVISOR) && hierarchy.covers(user.station(), station)
                || user.is(STATION_MANAGER) && hierarchy.isAbove(user.station(), station);
        boolean receives = type.equals("FileComplaintCommand") && at(user, station, AGENT, STATION_MANAGER);
        require(supervises || receives, user, type,
                "complaints are handled by supervision or the level above the station");
    }

    private static boolean at(User user, String station, Role... roles) {
        return user.is(roles) && station != null && station.equals(user.station());
    }

    private Optional<String> lookup(String sql, String id) {
        return id == null ? Optional.empty() : jdbc.sql(sql).param(id).query(String.class).optional();
    }

    private static void require(boolean allowed, User user, String what, String rule) {
        if (!allowed) {
            throw denied(user, what, rule);
        }
    }

    private static AccessDeniedException denied(User user, String what, String rule) {
        return new AccessDeniedException(user.role() + (user.station() == null ? "" : " of " + user.station())
                + " may not " + what + ": " + rule);
    }

    /** A record component's value as text ({@code @JsonValue} value objects render their code). */
    private static String component(Object command, String name) {
        for (RecordComponent component : command.getClass().getRecordComponents()) {
            if (component.getName().equals(name)) {
                try {
                    Object value = component.getAccessor().invoke(command);
                    return value == null ? null : value.toString();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(command.getClass().getSimpleName() + " has no " + name);
    }
}
