package cn.daiban.kernel.appointment;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.time.LocalTime;

/**
 * A period of the day in which slots of {@code slotMinutes} are offered, each for {@code capacity} clients;
 * {@code extendedHours} marks 延时 service outside the regular opening hours.
 */
public record SlotWindow(LocalTime from, LocalTime to, int slotMinutes, int capacity, boolean extendedHours) {

    public SlotWindow {
        Require.present(from, "windows.from");
        Require.present(to, "windows.to");
        if (!from.isBefore(to)) {
            throw new InvalidValueException("windows.to", "must be after from");
        }
        Require.between(slotMinutes, 10, 240, "windows.slotMinutes");
        Require.between(capacity, 1, 100, "windows.capacity");
    }

    /** Whether {@code start} is the start of one of this window's slots. */
    public boolean startsSlot(LocalTime start) {
        if (start.isBefore(from) || !start.plusMinutes(slotMinutes).isAfter(start)) {
            return false;
        }
        long offset = java.time.Duration.between(from, start).toMinutes();
        return offset % slotMinutes == 0 && !start.plusMinutes(slotMinutes).isAfter(to);
    }
}
