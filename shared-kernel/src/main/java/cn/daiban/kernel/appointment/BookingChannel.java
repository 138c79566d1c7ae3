package cn.daiban.kernel.appointment;

/** Where the booking was made (线上预约 or by phone). */
public enum BookingChannel { ONLINE, PHONE }
