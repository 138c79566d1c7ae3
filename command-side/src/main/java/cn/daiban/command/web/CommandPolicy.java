package cn.daiban.command.web;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.station.RecordStations;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.AgentTargeted;
import cn.daiban.kernel.agent.ChangeAgentPostCommand;
import cn.daiban.kernel.agent.ChangeAgentRoleCommand;
import cn.daiban.kernel.agent.DeactivateAgentCommand;
import cn.daiban.kernel.agent.ReactivateAgentCommand;
import cn.daiban.kernel.agent.RecordAgentAssessmentCommand;
import cn.daiban.kernel.agent.RecordAgentTrainingCommand;
import cn.daiban.kernel.agent.RegisterAgentCommand;
import cn.daiban.kernel.agent.TransferAgentCommand;
import cn.daiban.kernel.appointment.AppointmentTargeted;
import cn.daiban.kernel.appointment.BookAppointmentCommand;
import cn.daiban.kernel.appointment.CancelAppointmentCommand;
import cn.daiban.kernel.appointment.PublishBookingScheduleCommand;
import cn.daiban.kernel.appointment.ServeAppointmentCommand;
import cn.daiban.kernel.calendar.LoadCalendarYearCommand;
import cn.daiban.kernel.clientcategory.DefineClientCategoryCommand;
import cn.daiban.kernel.delegation.ArrangeHomeVisitCommand;
import cn.daiban.kernel.delegation.ChangeClientCategoriesCommand;
import cn.daiban.kernel.delegation.RecordHomeVisitCommand;
import cn.daiban.kernel.calendar.ReviseCalendarYearCommand;
import cn.daiban.kernel.catalogue.PublishServiceItemCommand;
import cn.daiban.kernel.catalogue.ReviseServiceItemCommand;
import cn.daiban.kernel.catalogue.WithdrawServiceItemCommand;
import cn.daiban.kernel.complaint.AcceptComplaintCommand;
import cn.daiban.kernel.complaint.CloseComplaintCommand;
import cn.daiban.kernel.complaint.ComplaintTargeted;
import cn.daiban.kernel.complaint.DeclineComplaintCommand;
import cn.daiban.kernel.complaint.FileComplaintCommand;
import cn.daiban.kernel.complaint.GiveComplaintFeedbackCommand;
import cn.daiban.kernel.complaint.HandleComplaintCommand;
import cn.daiban.kernel.complaint.RecordComplaintInvestigationCommand;
import cn.daiban.kernel.consultation.AnswerConsultationCommand;
import cn.daiban.kernel.consultation.ConsultationTargeted;
import cn.daiban.kernel.consultation.ConvertConsultationCommand;
import cn.daiban.kernel.consultation.ConsultationId;
import cn.daiban.kernel.consultation.ForwardConsultationCommand;
import cn.daiban.kernel.consultation.PreCheckMaterialsCommand;
import cn.daiban.kernel.consultation.RecordConsultationCommand;
import cn.daiban.kernel.delegation.ArchiveDelegationCommand;
import cn.daiban.kernel.delegation.CommissionDelegationCommand;
import cn.daiban.kernel.delegation.CompleteDelegationCommand;
import cn.daiban.kernel.delegation.CompleteMaterialsOnSpotCommand;
import cn.daiban.kernel.delegation.CompleteRectificationCommand;
import cn.daiban.kernel.delegation.ConvertAssistToProxyCommand;
import cn.daiban.kernel.delegation.DeclineDelegationCommand;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationTargeted;
import cn.daiban.kernel.delegation.DeliverResultCommand;
import cn.daiban.kernel.delegation.HoldResultForCollectionCommand;
import cn.daiban.kernel.delegation.EscalateDelegationCommand;
import cn.daiban.kernel.delegation.EvaluateDelegationCommand;
import cn.daiban.kernel.delegation.NotifyStatutoryFeeCommand;
import cn.daiban.kernel.delegation.ReassignAgentCommand;
import cn.daiban.kernel.delegation.ReceiveSupplementCommand;
import cn.daiban.kernel.delegation.ReceiveToleratedMaterialCommand;
import cn.daiban.kernel.delegation.RecordFeeExemptionCommand;
import cn.daiban.kernel.delegation.RecordFeePaymentCommand;
import cn.daiban.kernel.delegation.RecordParallelTaskCompletedCommand;
import cn.daiban.kernel.delegation.RecordRectificationFollowUpCommand;
import cn.daiban.kernel.delegation.RecordUpperLevelDecisionCommand;
import cn.daiban.kernel.delegation.HandBackMaterialsCommand;
import cn.daiban.kernel.delegation.ReportProgressCommand;
import cn.daiban.kernel.delegation.RequestSupplementCommand;
import cn.daiban.kernel.delegation.ResumeDelegationCommand;
import cn.daiban.kernel.delegation.ReturnResultCommand;
import cn.daiban.kernel.delegation.SuspendDelegationCommand;
import cn.daiban.kernel.delegation.TransferDelegationCommand;
import cn.daiban.kernel.delegation.VoidEvaluationCommand;
import cn.daiban.kernel.delegation.WithdrawDelegationCommand;
import cn.daiban.kernel.privacy.EraseDataSubjectCommand;
import cn.daiban.kernel.station.ApproveStationChangeCommand;
import cn.daiban.kernel.station.ApproveStationClosureCommand;
import cn.daiban.kernel.station.ApproveStationOpeningCommand;
import cn.daiban.kernel.station.RefuseStationChangeCommand;
import cn.daiban.kernel.station.RefuseStationClosureCommand;
import cn.daiban.kernel.station.RefuseStationOpeningCommand;
import cn.daiban.kernel.station.RequestStationChangeCommand;
import cn.daiban.kernel.station.RequestStationClosureCommand;
import cn.daiban.kernel.station.RequestStationOpeningCommand;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import cn.daiban.kernel.station.SubmitStationStatisticsCommand;
import cn.daiban.security.Role;
import cn.daiban.security.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static cn.daiban.security.Role.ADMINISTRATOR;
import static cn.daiban.security.Role.AGENT;
import static cn.daiban.security.Role.STATION_MANAGER;
import static cn.daiban.security.Role.SUPERVISOR;

/**
 * Who may send which command, decided from the signed-in user (role and station) and the station the command
 * concerns, before it is sent. Every command type has its own rule below, looked up by its exact class; what a rule
 * does not allow is refused with 403. A command type without a rule is refused too ({@link #NO_RULE}), so a new or
 * renamed command cannot slip through unguarded: authorization fails closed.
 *
 * <ul>
 *   <li>Catalogue and calendar: administrators.</li>
 *   <li>Stations: applying to open a county centre, administrators; a station below, an administrator or the
 *       manager of its parent; deciding an application (opening, change, closure), the manager of the supervising
 *       (parent) station or an administrator on its behalf; applying for a change or closure and submitting
 *       statistics, the station's manager.</li>
 *   <li>Agents: the manager of the agent's station.</li>
 *   <li>Delegations: agents and managers of the delegation's station; the upper level's decision and the return
 *       of its result, agents and managers of a station above it; voiding a grade on appeal, administrators;
 *       re-checking a rectification (复查, rule {@code recheck-by-supervision}), a supervisor over the delegation's
 *       station or an administrator — the only delegation command a supervisor issues.</li>
 *   <li>Publishing a quarterly assessment (通报), a supervisor over the station or an administrator.</li>
 *   <li>Consultations: agents and managers of its station; a forwarded one is answered there or above; the
 *       pre-check (资料预审) at the counter, the station's own staff only.</li>
 *   <li>Complaints: received by the station's staff, or by a supervisor or administrator over it; handled by a
 *       supervisor over the station, the manager of a station above it, or an administrator.</li>
 *   <li>Bookings: the schedule, the station's manager; booking, cancelling and serving, the station's staff.</li>
 *   <li>Erasing personal data: administrators.</li>
 *   <li>Commands only the system sends (process managers, seeders; {@link #SYSTEM_ONLY}): refused over HTTP.</li>
 * </ul>
 *
 * <p>The station a command concerns is the one it names ({@link StationScoped}: creating a record at a station, or
 * a station's own application) or the one its target belongs to ({@link DelegationTargeted},
 * {@link AgentTargeted}, {@link ConsultationTargeted}, {@link ComplaintTargeted}, {@link AppointmentTargeted}),
 * read from the command side's registries; "above" and "over" walk up the parents in {@link StationRegistry} (no
 * query of its own: the policy reads stations only through the registries). Assumption (kept
 * from before): a target that was never created has no station, and nothing there to protect; its command is let
 * through to the aggregate, which answers 404. That is why the commands that create a record name their station
 * rather than their target.
 */
@Component
class CommandPolicy {

    /** The detail of a refusal for a command type that has no rule. */
    static final String NO_RULE = "no rule covers it, so it is refused";

    /**
     * Commands that never come over HTTP: sent by process managers or seeders through the command bus, which this
     * policy does not guard. Refused if they ever reach it.
     */
    static final Set<Class<?>> SYSTEM_ONLY = Set.of(
            // sent by ConsultationConversionPolicy when a matter is commissioned from a consultation
            ConvertConsultationCommand.class,
            // sent by ClientEvaluations once the one-time code of the client's invitation is checked and used
            cn.daiban.kernel.delegation.GradeByInvitationCommand.class,
            // sent by ProvisionalDeadlineRecomputation when a calendar year is loaded
            cn.daiban.kernel.delegation.RecomputeProvisionalDeadlineCommand.class);

    /** One command type's rule: returns if the user may send it, throws {@link AccessDeniedException} if not. */
    @FunctionalInterface
    interface Rule<C> {
        void check(User user, C command);
    }

    private final StationRegistry stations;
    private final AgentRegistry agents;
    private final RecordStations records;
    private final Map<Class<?>, Rule<?>> rules = new HashMap<>();

    @Autowired
    CommandPolicy(StationRegistry stations, AgentRegistry agents, RecordStations records) {
        this.stations = stations;
        this.agents = agents;
        this.records = records;

        // Catalogue and calendar
        Rule<Object> keepsReferenceData = administrators("only an administrator keeps the catalogue and the calendar");
        rule(PublishServiceItemCommand.class, keepsReferenceData);
        rule(ReviseServiceItemCommand.class, keepsReferenceData);
        rule(WithdrawServiceItemCommand.class, keepsReferenceData);
        rule(LoadCalendarYearCommand.class, keepsReferenceData);
        rule(ReviseCalendarYearCommand.class, keepsReferenceData);
        // The client-category list (002 服务对象) is reference data like the catalogue.
        rule(DefineClientCategoryCommand.class, keepsReferenceData);

        // Stations
        rule(RequestStationOpeningCommand.class, this::openingAppliedForByAdministratorOrParentManager);
        Rule<StationScoped> decidedAbove = decidedBySupervisingLevel();
        rule(ApproveStationOpeningCommand.class, decidedAbove);
        rule(RefuseStationOpeningCommand.class, decidedAbove);
        rule(ApproveStationChangeCommand.class, decidedAbove);
        rule(RefuseStationChangeCommand.class, decidedAbove);
        rule(ApproveStationClosureCommand.class, decidedAbove);
        rule(RefuseStationClosureCommand.class, decidedAbove);
        Rule<StationScoped> manager = stationManager("a station's applications and statistics are its manager's");
        rule(RequestStationChangeCommand.class, manager);
        rule(RequestStationClosureCommand.class, manager);
        rule(SubmitStationStatisticsCommand.class, manager);
        // 003 四(三) 考核评估结果每季度通报: the quarterly assessment is published by supervision over the station.
        rule(cn.daiban.kernel.dashboard.PublishQuarterlyAssessmentCommand.class, publishedBySupervision());

        // Agents
        String agentsRule = "agents are managed by their station's manager";
        rule(RegisterAgentCommand.class, stationManager(agentsRule));
        Rule<AgentTargeted> agentStationManager = agentStationManager(agentsRule);
        rule(RecordAgentTrainingCommand.class, agentStationManager);
        rule(RecordAgentAssessmentCommand.class, agentStationManager);
        rule(ChangeAgentRoleCommand.class, agentStationManager);
        rule(ChangeAgentPostCommand.class, agentStationManager);
        rule(TransferAgentCommand.class, agentStationManager);
        rule(DeactivateAgentCommand.class, agentStationManager);
        rule(ReactivateAgentCommand.class, agentStationManager);

        // Delegations
        Rule<StationScoped> takenByStaff = stationStaff("matters are taken by the staff of the station");
        rule(CommissionDelegationCommand.class, takenByStaff);
        rule(DeclineDelegationCommand.class, takenByStaff);
        Rule<DelegationTargeted> handledByStaff = delegationStaff();
        rule(ConvertAssistToProxyCommand.class, handledByStaff);
        rule(RequestSupplementCommand.class, handledByStaff);
        rule(ReceiveSupplementCommand.class, handledByStaff);
        rule(ReceiveToleratedMaterialCommand.class, handledByStaff);
        rule(CompleteMaterialsOnSpotCommand.class, handledByStaff);
        rule(ReportProgressCommand.class, handledByStaff);
        rule(SuspendDelegationCommand.class, handledByStaff);
        rule(ResumeDelegationCommand.class, handledByStaff);
        rule(TransferDelegationCommand.class, handledByStaff);
        rule(cn.daiban.kernel.delegation.AcceptDelegationTransferCommand.class, handledByStaff);
        rule(cn.daiban.kernel.delegation.WithdrawDelegationTransferCommand.class, handledByStaff);
        rule(cn.daiban.kernel.delegation.RefuseDelegationTransferCommand.class, handledByStaff);
        rule(ChangeClientCategoriesCommand.class, handledByStaff);
        rule(ArrangeHomeVisitCommand.class, handledByStaff);
        rule(RecordHomeVisitCommand.class, handledByStaff);
        rule(ReassignAgentCommand.class, handledByStaff);
        rule(EscalateDelegationCommand.class, handledByStaff);
        rule(RecordParallelTaskCompletedCommand.class, handledByStaff);
        rule(NotifyStatutoryFeeCommand.class, handledByStaff);
        rule(RecordFeePaymentCommand.class, handledByStaff);
        rule(RecordFeeExemptionCommand.class, handledByStaff);
        rule(CompleteDelegationCommand.class, handledByStaff);
        rule(DeliverResultCommand.class, handledByStaff);
        rule(HoldResultForCollectionCommand.class, handledByStaff);
        rule(EvaluateDelegationCommand.class, handledByStaff);
        rule(CompleteRectificationCommand.class, handledByStaff);
        rule(RecordRectificationFollowUpCommand.class, handledByStaff);
        rule(cn.daiban.kernel.delegation.RecordPhoneFollowUpCommand.class, handledByStaff);
        rule(cn.daiban.kernel.delegation.RecordFollowUpContactCommand.class, handledByStaff);
        rule(cn.daiban.kernel.delegation.RecordWorkLogEntryCommand.class, handledByStaff);
        rule(ArchiveDelegationCommand.class, handledByStaff);
        rule(HandBackMaterialsCommand.class, handledByStaff);
        rule(WithdrawDelegationCommand.class, handledByStaff);
        Rule<DelegationTargeted> upperLevel = delegationLevelAbove();
        // 000 §7.2.3 c: the decision is the hop target's (checked by the aggregate, rule decided-by-hop-target),
        // or an administrator's acting for it; here: a station above the matter, or an administrator.
        rule(RecordUpperLevelDecisionCommand.class, delegationLevelAboveOrAdministrator());
        rule(ReturnResultCommand.class, upperLevel);
        rule(VoidEvaluationCommand.class, administrators("a grade is voided on appeal by the administration"));
        // 000 §8.2.2, 004 §7.2.2 (督促、跟踪、复查): the station marks its rectification done; supervision re-checks it.
        rule(cn.daiban.kernel.delegation.RecheckRectificationCommand.class, recheckedBySupervision());

        // Consultations
        String consultationsRule = "consultations are kept by the staff of their station";
        rule(RecordConsultationCommand.class, stationStaff(consultationsRule));
        Rule<ConsultationTargeted> answeredThereOrAbove = consultationStaffThereOrAbove(consultationsRule);
        rule(ForwardConsultationCommand.class, answeredThereOrAbove);
        rule(AnswerConsultationCommand.class, answeredThereOrAbove);
        rule(PreCheckMaterialsCommand.class, consultationStaff("materials are pre-checked at the counter of the "
                + "consultation's station"));

        // Complaints
        rule(FileComplaintCommand.class, this::complaintReceivedByStaffOrSupervision);
        Rule<ComplaintTargeted> supervision = complaintHandledBySupervision();
        rule(AcceptComplaintCommand.class, supervision);
        rule(DeclineComplaintCommand.class, supervision);
        rule(RecordComplaintInvestigationCommand.class, supervision);
        rule(HandleComplaintCommand.class, supervision);
        rule(GiveComplaintFeedbackCommand.class, supervision);
        rule(CloseComplaintCommand.class, supervision);

        // Bookings
        String bookingsRule = "bookings are kept by the staff of their station";
        rule(PublishBookingScheduleCommand.class, stationManager(bookingsRule));
        rule(BookAppointmentCommand.class, stationStaff(bookingsRule));
        Rule<AppointmentTargeted> bookingStaff = appointmentStaff(bookingsRule);
        rule(CancelAppointmentCommand.class, bookingStaff);
        rule(ServeAppointmentCommand.class, bookingStaff);

        // Personal data
        rule(EraseDataSubjectCommand.class, administrators("only an administrator erases personal data"));

        // System only
        for (Class<?> type : SYSTEM_ONLY) {
            rule(type, (user, command) -> {
                throw denied(user, type.getSimpleName(), "it is sent by the system only, never over HTTP");
            });
        }
    }

    /** Refuses with 403 unless the command's rule allows the user to send it; a type without a rule is refused. */
    void check(User user, Object command) {
        @SuppressWarnings("unchecked")
        Rule<Object> rule = (Rule<Object>) rules.get(command.getClass());
        if (rule == null) {
            throw denied(user, command.getClass().getSimpleName(), NO_RULE);
        }
        rule.check(user, command);
    }

    /** The command types that have a rule (the system-only ones included, whose rule refuses them). */
    Set<Class<?>> coveredTypes() {
        return Collections.unmodifiableSet(rules.keySet());
    }

    /**
     * Whether the user may read a delegation's documents (which show the client in full): its station's staff, or a
     * supervisor over it. @return the delegation's station, if it is known
     */
    Optional<StationCode> checkRead(User user, DelegationId delegationId) {
        Optional<StationCode> station = records.ofDelegation(delegationId);
        station.map(StationCode::value).ifPresent(code -> require(at(user, code, AGENT, STATION_MANAGER)
                        || user.is(SUPERVISOR, ADMINISTRATOR) && covers(user, code), user,
                "read " + delegationId.value(), "outside the reader's jurisdiction"));
        return station;
    }

    /**
     * Whether a reader may see a client's personal data in full (the logged personal-data path, as the query side's
     * {@code /api/personal-data}): the staff of the record's station, and administrators. A record whose station is
     * unknown is shown in full to administrators only.
     */
    boolean readsPersonalDataInFull(User user, Optional<StationCode> station) {
        return user.isAdministrator()
                || station.map(code -> at(user, code.value(), AGENT, STATION_MANAGER)).orElse(false);
    }

    /**
     * Whether the user may read a consultation's documents (the one-time notice names the visitor): its station's
     * staff, or a supervisor over it. @return the consultation's station, if it is known
     */
    Optional<StationCode> checkRead(User user, ConsultationId consultationId) {
        Optional<StationCode> station = records.ofConsultation(consultationId);
        station.map(StationCode::value).ifPresent(code -> require(at(user, code, AGENT, STATION_MANAGER)
                        || user.is(SUPERVISOR, ADMINISTRATOR) && covers(user, code), user,
                "read " + consultationId.value(), "outside the reader's jurisdiction"));
        return station;
    }

    /** The station's parent (its supervising level), if it has one. */
    Optional<StationCode> parentOf(StationCode station) {
        return stations.find(station).map(StationRegistry.RegisteredStation::parentCode);
    }

    private <C> void rule(Class<C> type, Rule<? super C> rule) {
        if (rules.putIfAbsent(type, rule) != null) {
            throw new IllegalStateException("two rules for " + type.getName());
        }
    }

    // ---- the rules, named as the class comment and the README describe them ----

    private static Rule<Object> administrators(String why) {
        return (user, command) -> require(user.isAdministrator(), user, name(command), why);
    }

    /** A county centre is applied for by an administrator; a station below, by the manager of its parent too. */
    private void openingAppliedForByAdministratorOrParentManager(User user, RequestStationOpeningCommand command) {
        String parent = code(command.parentCode());
        require(user.isAdministrator() || parent != null && at(user, parent, STATION_MANAGER), user, name(command),
                "a station is opened by an administrator or applied for by the manager of its parent");
    }

    /** An application is decided by the manager of the station's parent, or an administrator on its behalf. */
    private Rule<StationScoped> decidedBySupervisingLevel() {
        return (user, command) -> {
            Optional<StationCode> parent = command.stationCode() == null ? Optional.empty()
                    : parentOf(command.stationCode());
            require(user.isAdministrator() || parent.isPresent() && at(user, parent.get().value(), STATION_MANAGER),
                    user, name(command),
                    "applications are decided by the supervising station's manager or an administrator");
        };
    }

    /** The manager of the station the command names. */
    private static Rule<StationScoped> stationManager(String why) {
        return (user, command) -> require(at(user, code(command.stationCode()), STATION_MANAGER), user, name(command),
                why);
    }

    /** Agents and managers of the station the command names. */
    private static Rule<StationScoped> stationStaff(String why) {
        return (user, command) -> require(at(user, code(command.stationCode()), AGENT, STATION_MANAGER), user,
                name(command), why);
    }

    /** The manager of the station the agent works at now. */
    private Rule<AgentTargeted> agentStationManager(String why) {
        return (user, command) -> known(command.agentId() == null ? Optional.empty()
                : agents.find(command.agentId()).map(AgentRegistry.RegisteredAgent::stationCode))
                .ifPresent(station -> require(at(user, station, STATION_MANAGER), user, name(command), why));
    }

    /** Agents and managers of the station the delegation belongs to. */
    private Rule<DelegationTargeted> delegationStaff() {
        return (user, command) -> delegationStation(command).ifPresent(station -> require(
                at(user, station, AGENT, STATION_MANAGER), user, name(command),
                "a matter is handled by the staff of its station"));
    }

    /**
     * Rule {@code recheck-by-supervision}: a supervisor whose jurisdiction covers the delegation's station (its own
     * station or one below it, {@link #covers(String, String)}), or an administrator. Not the station's staff, who
     * marked it done, nor a manager above (the seeds name the supervision unit, 004 §7.2.2).
     */
    private Rule<DelegationTargeted> recheckedBySupervision() {
        return (user, command) -> delegationStation(command).ifPresent(station -> require(user.isAdministrator()
                        || user.is(SUPERVISOR) && covers(user.station(), station), user, name(command),
                "recheck-by-supervision: a rectification is re-checked by supervision over the station or an "
                        + "administrator"));
    }

    /**
     * Rule {@code assessment-published-by-supervision}: the quarterly assessment of a station is published by a
     * supervisor whose jurisdiction covers it, or an administrator; never by the station judged, nor a manager above.
     */
    private Rule<StationScoped> publishedBySupervision() {
        return (user, command) -> require(user.isAdministrator() || user.is(SUPERVISOR)
                        && command.stationCode() != null && covers(user.station(), command.stationCode().value()),
                user, name(command), "assessment-published-by-supervision: a quarterly assessment is published by "
                        + "supervision over the station or an administrator");
    }

    /** Agents and managers of a station above the delegation's: the upper level of an escalation. */
    private Rule<DelegationTargeted> delegationLevelAbove() {
        return (user, command) -> delegationStation(command).ifPresent(station -> require(
                user.is(AGENT, STATION_MANAGER) && isAbove(user.station(), station), user, name(command),
                "the decision belongs to a level above the matter's station"));
    }

    /**
     * The upper level's decision: agents and managers of a station above the delegation's (the aggregate then
     * requires the station the current hop was sent to), or an administrator acting for that station.
     */
    private Rule<DelegationTargeted> delegationLevelAboveOrAdministrator() {
        Rule<DelegationTargeted> above = delegationLevelAbove();
        return (user, command) -> {
            if (!user.isAdministrator()) {
                above.check(user, command);
            }
        };
    }

    /** Agents and managers of the consultation's station, or of a station above it (where it is forwarded). */
    private Rule<ConsultationTargeted> consultationStaffThereOrAbove(String why) {
        return (user, command) -> known(command.consultationId() == null ? Optional.empty()
                : records.ofConsultation(command.consultationId()))
                .ifPresent(station -> require(user.is(AGENT, STATION_MANAGER)
                        && (station.equals(user.station()) || isAbove(user.station(), station)), user,
                        name(command), why));
    }

    /** Agents and managers of the consultation's own station. */
    private Rule<ConsultationTargeted> consultationStaff(String why) {
        return (user, command) -> known(command.consultationId() == null ? Optional.empty()
                : records.ofConsultation(command.consultationId()))
                .ifPresent(station -> require(at(user, station, AGENT, STATION_MANAGER), user, name(command), why));
    }

    /**
     * A complaint is received by the station's staff, or by supervision over the station; one that came through
     * supervision's own channels (a poor grade escalated, the director's mailbox, an inspection: rule
     * {@code complaint-channel-of-supervision}) only by supervision, never by the station it is about.
     */
    private void complaintReceivedByStaffOrSupervision(User user, FileComplaintCommand command) {
        String station = code(command.stationCode());
        if (command.channel() != null && command.channel().throughSupervision()) {
            require(supervises(user, station), user, name(command), "complaint-channel-of-supervision: "
                    + command.channel().label() + " is recorded by supervision over the station, not by the station");
            return;
        }
        require(supervises(user, station) || at(user, station, AGENT, STATION_MANAGER), user, name(command),
                "complaints are handled by supervision or the level above the station");
    }

    /** A complaint is handled by a supervisor over the station, a manager above it, or an administrator. */
    private Rule<ComplaintTargeted> complaintHandledBySupervision() {
        return (user, command) -> known(command.complaintId() == null ? Optional.empty()
                : records.ofComplaint(command.complaintId()))
                .ifPresent(station -> require(supervises(user, station), user, name(command),
                        "complaints are handled by supervision or the level above the station"));
    }

    /** Agents and managers of the station the booking was made at. */
    private Rule<AppointmentTargeted> appointmentStaff(String why) {
        return (user, command) -> known(command.appointmentId() == null ? Optional.empty()
                : records.ofAppointment(command.appointmentId()))
                .ifPresent(station -> require(at(user, station, AGENT, STATION_MANAGER), user, name(command), why));
    }

    private boolean supervises(User user, String station) {
        return user.isAdministrator()
                || station != null && user.is(SUPERVISOR) && covers(user.station(), station)
                || station != null && user.is(STATION_MANAGER) && isAbove(user.station(), station);
    }

    private Optional<String> delegationStation(DelegationTargeted command) {
        return known(command.delegationId() == null ? Optional.empty() : records.ofDelegation(command.delegationId()));
    }

    /** A target's station; empty for a target never created (its aggregate answers 404, see the class comment). */
    private static Optional<String> known(Optional<StationCode> station) {
        return station.map(StationCode::value);
    }

    private static String code(StationCode station) {
        return station == null ? null : station.value();
    }

    /**
     * Whether {@code station} is {@code ancestor} or lies below it (village → township → county), walking up the
     * parents the station registry holds; as far up as ten levels, like the station hierarchy's query it replaces.
     */
    private boolean covers(String ancestor, String station) {
        if (ancestor == null || station == null) {
            return false;
        }
        String code = station;
        for (int depth = 0; code != null && depth <= 10; depth++) {
            if (code.equals(ancestor)) {
                return true;
            }
            code = stations.find(StationCode.of(code)).map(StationRegistry.RegisteredStation::parentCode)
                    .map(StationCode::value).orElse(null);
        }
        return false;
    }

    /** Whether the user's jurisdiction covers {@code station} (an administrator's covers every station). */
    private boolean covers(User user, String station) {
        return user.isAdministrator() || covers(user.station(), station);
    }

    /** Whether {@code station} lies strictly above {@code below}. */
    private boolean isAbove(String station, String below) {
        return station != null && !station.equals(below) && covers(station, below);
    }

    private static boolean at(User user, String station, Role... roles) {
        return user.is(roles) && station != null && station.equals(user.station());
    }

    private static String name(Object command) {
        return command.getClass().getSimpleName();
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
}
