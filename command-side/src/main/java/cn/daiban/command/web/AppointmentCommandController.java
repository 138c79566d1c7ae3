package cn.daiban.command.web;

import cn.daiban.kernel.appointment.*;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Bookings (预约): a station publishes its slots; a client books, and only the client cancels; a served booking
 * links to the consultation or delegation it became. There is deliberately no endpoint to refuse or cancel a
 * booking as staff (`003 附件3 六4`).
 */
@RestController
@Tag(name = "Appointments", description = "预约: slots, bookings (online or by phone, extended hours, home visits)")
class AppointmentCommandController {

    private final CommandDispatcher dispatcher;
    private final CommandRequest.Factory requests;

    AppointmentCommandController(CommandDispatcher dispatcher, CommandRequest.Factory requests) {
        this.dispatcher = dispatcher;
        this.requests = requests;
    }

    record ScheduleRequest(List<SlotWindow> windows, boolean homeVisits) {
    }

    @PostMapping("/api/stations/{code}/booking-schedule")
    @Operation(summary = "Publish the station's booking slots (working days; opening and extended hours; capacity)")
    ResponseEntity<CommandAcknowledgement> schedule(@PathVariable String code, @RequestBody ScheduleRequest body) {
        StationCode station = StationCode.of(code);
        return Responses.ok(dispatcher.send(requests.of(body), code,
                () -> new PublishBookingScheduleCommand(station, body.windows(), body.homeVisits())));
    }

    record BookingRequest(StationCode stationCode, ServiceItemCode itemCode, LocalDate date, LocalTime slotStart,
                          AppointmentKind kind, BookingChannel channel, String clientName, PhoneNumber phone,
                          String address) {
    }

    @PostMapping("/api/appointments")
    @Operation(summary = "Book a slot")
    ResponseEntity<CommandAcknowledgement> book(@RequestBody BookingRequest body) {
        AppointmentId id = AppointmentId.create();
        return Responses.created("/api/appointments/" + id, dispatcher.send(requests.of(body), id.value(),
                () -> new BookAppointmentCommand(id, body.stationCode(), body.itemCode(), body.date(), body.slotStart(),
                        body.kind(), body.channel(), body.clientName(), body.phone(), body.address())));
    }

    record CancellationRequest(PhoneNumber clientPhone, String reason) {
    }

    @PostMapping("/api/appointments/{id}/cancellation")
    @Operation(summary = "The client cancels (their phone number proves it)")
    ResponseEntity<CommandAcknowledgement> cancel(@PathVariable String id, @RequestBody CancellationRequest body) {
        AppointmentId appointment = AppointmentId.of(id);
        return Responses.ok(dispatcher.send(requests.of(body), id,
                () -> new CancelAppointmentCommand(appointment, body.clientPhone(), body.reason())));
    }

    record ServiceRequest(String outcome, String reference) {
    }

    @PostMapping("/api/appointments/{id}/service")
    @Operation(summary = "The booking was served: it became a consultation or a delegation (outcome, its id)")
    ResponseEntity<CommandAcknowledgement> serve(@PathVariable String id, @RequestBody ServiceRequest body) {
        AppointmentId appointment = AppointmentId.of(id);
        return Responses.ok(dispatcher.send(requests.of(body), id,
                () -> new ServeAppointmentCommand(appointment, body.outcome(), body.reference())));
    }
}
