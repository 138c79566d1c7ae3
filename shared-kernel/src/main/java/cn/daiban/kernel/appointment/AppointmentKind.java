package cn.daiban.kernel.appointment;

/**
 * What is booked (`004 §6.1`, `003 三(四)`): a regular slot, an extended-hours slot (延时), a home visit (上门), or
 * special handling (特殊办, `000 §7.2.2 e`: 提前办理、延时办理、节假日办理 on the client's request, arranged by the
 * station, `003 附件3 六4`: 不得以任何理由拒绝服务) at a time outside the published working hours.
 */
public enum AppointmentKind { REGULAR, EXTENDED_HOURS, HOME_VISIT, SPECIAL_HANDLING }
