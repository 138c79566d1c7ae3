package cn.daiban.command.web;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.station.StationCode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/** Reads the actor from request headers (see {@link ActorResolver}): a stand-in until authentication. */
@Component
class RequestHeaderActorResolver implements ActorResolver {

    static final String ACTOR_HEADER = "X-Actor-Id";
    static final String STATION_HEADER = "X-Station-Code";
    private static final Pattern ACTOR_ID = Pattern.compile("[\\p{L}\\p{N}._@:-]{1,64}");

    private final HttpServletRequest request;

    RequestHeaderActorResolver(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public Actor currentActor() {
        String actorId = request.getHeader(ACTOR_HEADER);
        if (actorId == null || actorId.isBlank()) {
            throw new InvalidValueException(ACTOR_HEADER, "header is required: who is acting");
        }
        if (!ACTOR_ID.matcher(actorId).matches()) {
            throw new InvalidValueException(ACTOR_HEADER, "must be 1 to 64 letters, digits or ._@:-");
        }
        String station = request.getHeader(STATION_HEADER);
        StationCode stationCode;
        try {
            stationCode = station == null || station.isBlank() ? null : StationCode.of(station.strip());
        } catch (InvalidValueException e) {
            throw new InvalidValueException(STATION_HEADER, "must be 4 to 20 upper-case letters or digits");
        }
        return new Actor(actorId, stationCode);
    }
}
