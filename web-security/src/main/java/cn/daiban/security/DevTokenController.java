package cn.daiban.security;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Working credentials in the {@code embedded} profile only: a token for one of the {@link SampleUsers}, or — for
 * trying other stations — for any user id, role and station. In production tokens come from the identity provider
 * and this endpoint does not exist.
 */
@RestController
@Profile("embedded")
class DevTokenController {

    private static final Pattern USER_ID = Pattern.compile("[\\p{L}\\p{N}._@:-]{1,64}");
    private static final Pattern STATION = Pattern.compile("[0-9A-Z]{4,20}");

    private final EmbeddedTokens tokens;

    DevTokenController(EmbeddedTokens tokens) {
        this.tokens = tokens;
    }

    record TokenRequest(String user, Role role, String station) {
    }

    record TokenResponse(String token, String user, Role role, String station) {
    }

    record SampleUsersResponse(List<User> users) {
    }

    @PostMapping("/api/dev/tokens")
    @Operation(summary = "Embedded profile only: a bearer token for a sample user, or for any user, role and station")
    TokenResponse issue(@RequestBody TokenRequest request) {
        if (request.user() == null || !USER_ID.matcher(request.user()).matches()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "user: 1 to 64 letters, digits or ._@:-");
        }
        User user = request.role() == null
                ? SampleUsers.named(request.user()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.BAD_REQUEST, "user: not a sample user; name a role (and station) to try another"))
                : new User(request.user(), request.role(), request.station());
        if (user.role() != Role.ADMINISTRATOR
                && (user.station() == null || !STATION.matcher(user.station()).matches())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "station: required for " + user.role());
        }
        return new TokenResponse(tokens.issue(user.id(), user.role(), user.station()), user.id(), user.role(),
                user.station());
    }

    @org.springframework.web.bind.annotation.GetMapping("/api/dev/users")
    @Operation(summary = "Embedded profile only: the sample users, one of every role")
    SampleUsersResponse users() {
        return new SampleUsersResponse(SampleUsers.ALL);
    }
}
