package cn.daiban.command.web;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.security.User;
import org.springframework.stereotype.Component;

/**
 * The actor is the signed-in user: subject and station from the checked token, never from a request field the
 * client could forge.
 */
@Component
class PrincipalActorResolver implements ActorResolver {

    @Override
    public Actor currentActor() {
        User user = User.require();
        StationCode station;
        try {
            station = user.station() == null ? null : StationCode.of(user.station());
        } catch (InvalidValueException e) {
            throw new InvalidValueException("station", "the token's station is not a station code");
        }
        return new Actor(user.id(), station, user);
    }
}
