package cn.daiban.kernel.appointment;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

public record StationBookingsResponse(String stationCode, LocalDate date, List<Booking> bookings) {

    /** {@code stage}: BOOKED, CANCELLED, SERVED (with what it became), MISSED. */
    public record Booking(String appointmentId, LocalTime slotStart, LocalTime slotEnd, String kind, String channel,
                          String itemCode, String clientName, String phone, String stage, String outcome,
                          String reference) {
    }
}
