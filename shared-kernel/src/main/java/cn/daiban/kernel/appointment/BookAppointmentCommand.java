package cn.daiban.kernel.appointment;

import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import java.time.LocalDate;
import java.time.LocalTime;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A client books a slot (online or by phone); a home visit needs the address. */
public record BookAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId, StationCode stationCode, ServiceItemCode itemCode, LocalDate date, LocalTime slotStart, AppointmentKind kind, BookingChannel channel, String clientName, PhoneNumber phone, String address) implements StationScoped {

    public BookAppointmentCommand {
        Require.present(appointmentId, "appointmentId");
        Require.present(stationCode, "stationCode");
        Require.present(itemCode, "itemCode");
        Require.present(date, "date");
        Require.present(slotStart, "slotStart");
        Require.present(kind, "kind");
        Require.present(channel, "channel");
        clientName = Require.text(clientName, "clientName", 100);
        Require.present(phone, "phone");
        address = Require.optionalText(address, "address", 200);
        if (kind == AppointmentKind.HOME_VISIT && address == null) { throw new InvalidValueException("address", "is required for a home visit"); }
    }
}
