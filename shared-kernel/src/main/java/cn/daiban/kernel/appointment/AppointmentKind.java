package cn.daiban.kernel.appointment;

/** What is booked (`004 §6.1`, `003 三(四)`): a regular slot, an extended-hours slot (延时), or a home visit (上门). */
public enum AppointmentKind { REGULAR, EXTENDED_HOURS, HOME_VISIT }
