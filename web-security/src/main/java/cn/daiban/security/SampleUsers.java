package cn.daiban.security;

import java.util.List;
import java.util.Optional;

/**
 * The sample users of the embedded profile, one of every role, at the stations of the README walk-through
 * (county centre 140521000, township centre 140521101, village station 140521101201).
 */
public final class SampleUsers {

    public static final List<User> ALL = List.of(
            new User("admin", Role.ADMINISTRATOR, null),
            new User("county-supervisor", Role.SUPERVISOR, "140521000"),
            new User("county-manager", Role.STATION_MANAGER, "140521000"),
            new User("county-agent", Role.AGENT, "140521000"),
            new User("township-manager", Role.STATION_MANAGER, "140521101"),
            new User("village-manager", Role.STATION_MANAGER, "140521101201"),
            new User("village-agent", Role.AGENT, "140521101201"));

    private SampleUsers() {
    }

    public static Optional<User> named(String id) {
        return ALL.stream().filter(user -> user.id().equals(id)).findFirst();
    }
}
