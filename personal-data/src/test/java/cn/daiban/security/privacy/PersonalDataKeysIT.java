package cn.daiban.security.privacy;

import cn.daiban.localpg.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two nodes over one key store: an erasure on one is in force on the other at once, however long keys are cached. */
class PersonalDataKeysIT {

    static final String SCHEMA = "privacy_keys_it";
    static JdbcTemplate jdbc;

    @BeforeAll
    static void store() {
        jdbc = new JdbcTemplate(new DriverManagerDataSource(TestPostgres.jdbcUrl(), TestPostgres.user(), ""));
        jdbc.execute("create schema if not exists " + SCHEMA);
        jdbc.execute(PersonalDataSchema.ddl(SCHEMA));
    }

    static PersonalDataKeys node() {
        // A cache time far longer than the test: erasure must not wait for it.
        return new PersonalDataKeys(jdbc, new PrivacyProperties("OWttDsaDwPML5/fsVBqEgv1s9oOyYGgrlJDrAh3ou7s=",
                "LD95WoIUJTLi1tMhObTSMMpfAsBlbW7l76+jMPTrCZo=", Duration.ofHours(1), SCHEMA));
    }

    @Test
    void aKeyCachedOnOneNodeIsGoneThereAsSoonAsAnotherNodeErasesTheSubject() {
        PersonalDataKeys queryNode = node();
        PersonalDataKeys commandNode = node();
        String subject = UUID.randomUUID().toString();
        commandNode.keyFor(subject);
        assertThat(queryNode.find(subject)).isPresent(); // now cached on the query node for an hour

        commandNode.destroy(List.of(subject), "admin");

        assertThat(queryNode.find(subject)).isEmpty();
        assertThatThrownBy(() -> queryNode.keyFor(subject)).isInstanceOf(ErasedDataSubjectException.class);
        // A third node that never saw the key refuses it too (no negative result is cached anywhere).
        assertThat(node().find(subject)).isEmpty();
    }

    @Test
    void aSubjectThatIsNotErasedKeepsItsKeyOnEveryNode() {
        PersonalDataKeys one = node();
        PersonalDataKeys other = node();
        String subject = UUID.randomUUID().toString();
        var key = one.keyFor(subject);
        assertThat(other.find(subject)).hasValueSatisfying(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
        assertThat(one.find(subject)).hasValueSatisfying(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
    }
}
