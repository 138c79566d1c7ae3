package cn.daiban.security;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;

/** A checked token and the {@link User} it names; the user's role is its one granted authority. */
final class UserAuthentication extends JwtAuthenticationToken {

    private final transient User user;

    UserAuthentication(Jwt jwt, User user) {
        super(jwt, List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())), user.id());
        this.user = user;
    }

    User user() {
        return user;
    }
}
