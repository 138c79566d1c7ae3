package cn.daiban.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/**
 * The signed-in user as the token says: subject, role and station. Nothing here comes from a request field the
 * client could forge: only from a token whose signature was checked.
 *
 * @param id      the token's subject ({@code sub})
 * @param station the station the user works at; {@code null} for an administrator
 */
public record User(String id, Role role, String station) {

    public static Optional<User> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof UserAuthentication token) {
            return Optional.of(token.user());
        }
        return Optional.empty();
    }

    /** The current user; a request without one never reaches a controller (401 first). */
    public static User require() {
        return current().orElseThrow(() -> new IllegalStateException("no authenticated user"));
    }

    public boolean is(Role... roles) {
        for (Role candidate : roles) {
            if (role == candidate) {
                return true;
            }
        }
        return false;
    }

    public boolean isAdministrator() {
        return role == Role.ADMINISTRATOR;
    }
}
