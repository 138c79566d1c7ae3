package cn.daiban.command.web;

import cn.daiban.kernel.station.StationCode;

/** Who is acting, and at which station (null when the actor is not bound to one, e.g. the administration). */
public record Actor(String actorId, StationCode stationCode) {
}
