package cn.daiban.command.web;

import cn.daiban.kernel.station.StationCode;
import cn.daiban.security.User;

/**
 * Who is acting, and at which station (null for an administrator, who is not bound to one), as the signed-in
 * {@code user} says.
 */
public record Actor(String actorId, StationCode stationCode, User user) {
}
