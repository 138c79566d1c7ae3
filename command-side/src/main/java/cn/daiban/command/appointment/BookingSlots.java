package cn.daiban.command.appointment;

import cn.daiban.kernel.appointment.SlotWindow;
import cn.daiban.kernel.station.StationCode;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

/** A station's published booking schedule and how many bookings each slot holds (kept in the bookings' transaction). */
public interface BookingSlots {

    Optional<Schedule> schedule(StationCode station);

    /**
     * The slot's live bookings, with the slot held until the booking's transaction ends: two bookings of one slot at
     * once are counted one after the other (each sees the other's once it is committed), so a slot never takes more
     * than its capacity; bookings of other slots do not wait.
     */
    int booked(StationCode station, LocalDate date, LocalTime slotStart);

    record Schedule(List<SlotWindow> windows, boolean homeVisits) {
    }
}
