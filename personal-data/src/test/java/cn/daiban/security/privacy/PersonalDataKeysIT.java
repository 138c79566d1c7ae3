package cn.daiban.security.privacy;

import cn.daiban.localpg.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes over one key store: an erasure on one is in force on the other at once, however long keys are cached;
 * and a new key is readable by every node before the command that created it commits.
 */
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
        return node(jdbc);
    }

    static PersonalDataKeys node(JdbcTemplate jdbc) {
        return node(jdbc, SCHEMA);
    }

    static PersonalDataKeys node(JdbcTemplate jdbc, String schema) {
        // A cache time far longer than the test: erasure must not wait for it.
        return new PersonalDataKeys(jdbc, new PrivacyProperties("OWttDsaDwPML5/fsVBqEgv1s9oOyYGgrlJDrAh3ou7s=",
                "LD95WoIUJTLi1tMhObTSMMpfAsBlbW7l76+jMPTrCZo=", Duration.ofHours(1), schema));
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

    /**
     * On Axon Server an event is appended (and may be projected) before the command's PostgreSQL transaction commits:
     * the key that seals it, and the index entry that lets an erasure find it, must already be readable elsewhere,
     * and must stay even if that transaction is rolled back after the event was stored.
     */
    @Test
    void aNewKeyAndItsIndexEntryAreReadableElsewhereBeforeTheCommandCommitsAndOutliveItsRollback() {
        PersonalDataKeys commandNode = node();
        // Another node: its own data source, so none of its reads can share the command's connection.
        JdbcTemplate elsewhere = new JdbcTemplate(new DriverManagerDataSource(TestPostgres.jdbcUrl(), TestPostgres.user(), ""));
        PersonalDataKeys queryNode = node(elsewhere);
        String subject = UUID.randomUUID().toString();
        String residentId = "110105194912310" + (100 + (int) (Math.random() * 800)) + "X";
        TransactionTemplate command = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        command.executeWithoutResult(status -> {
            var key = commandNode.keyFor(subject, List.of(new PersonalDataKeys.Indexed("ResidentId", residentId)));
            // Still inside the command's transaction: another node (another connection) reads them already.
            assertThat(queryNode.find(subject))
                    .hasValueSatisfying(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
            assertThat(queryNode.subjectsOf("ResidentId", residentId)).contains(subject);
            status.setRollbackOnly();
        });
        // A node that has cached nothing still finds both after the rollback.
        assertThat(node(elsewhere).find(subject)).isPresent();
        assertThat(node(elsewhere).subjectsOf("ResidentId", residentId)).contains(subject);
    }

    /**
     * A new subject's key and its index entries commit apart in one transaction: one flush of the write-ahead log for
     * a commissioning, not three, and never a key without the entries that let an erasure by resident ID find it.
     */
    @Test
    void aNewKeyCommitsTogetherWithItsIndexEntriesOrNotAtAll() {
        String broken = SCHEMA + "_no_index";
        jdbc.execute("create schema if not exists " + broken);
        jdbc.execute(PersonalDataSchema.ddl(broken));
        jdbc.execute("drop table " + broken + ".personal_data_index");
        PersonalDataKeys withoutIndex = node(jdbc, broken);
        String subject = UUID.randomUUID().toString();

        assertThatThrownBy(() -> withoutIndex.keyFor(subject,
                List.of(new PersonalDataKeys.Indexed("PhoneNumber", "13912345678"))))
                .rootCause().hasMessageContaining("relation \"" + broken + ".personal_data_index\" does not exist");
        assertThat(jdbc.queryForObject("select count(*) from " + broken + ".personal_data_key where subject_id = ?",
                Integer.class, subject)).as("the key rolled back with its index entry").isZero();

        String refusing = SCHEMA + "_no_keys";
        jdbc.execute("create schema if not exists " + refusing);
        jdbc.execute(PersonalDataSchema.ddl(refusing));
        jdbc.execute("alter table " + refusing + ".personal_data_key drop constraint if exists no_keys");
        jdbc.execute("alter table " + refusing + ".personal_data_key add constraint no_keys check (false) not valid");
        PersonalDataKeys withoutKeys = node(jdbc, refusing);
        assertThatThrownBy(() -> withoutKeys.keyFor(subject,
                List.of(new PersonalDataKeys.Indexed("PhoneNumber", "13912345678"))))
                .rootCause().hasMessageContaining("no_keys");
        assertThat(jdbc.queryForObject("select count(*) from " + refusing + ".personal_data_index"
                + " where subject_id = ?", Integer.class, subject)).as("no entry without its key").isZero();

        PersonalDataKeys keys = node();
        String phone = "139" + (10_000_000 + (int) (Math.random() * 89_999_999));
        var key = keys.keyFor(subject, List.of(new PersonalDataKeys.Indexed("PhoneNumber", phone),
                new PersonalDataKeys.Indexed("ResidentId", "11010519491231002X"),
                new PersonalDataKeys.Indexed("PhoneNumber", phone)));
        assertThat(node().find(subject))
                .hasValueSatisfying(k -> assertThat(k.getEncoded()).isEqualTo(key.getEncoded()));
        assertThat(node().subjectsOf("PhoneNumber", phone)).containsExactly(subject);
        assertThat(node().subjectsOf("ResidentId", "11010519491231002X")).contains(subject);
        // An existing key: only the new entries, still committed apart.
        String otherPhone = "138" + (10_000_000 + (int) (Math.random() * 89_999_999));
        assertThat(keys.keyFor(subject, List.of(new PersonalDataKeys.Indexed("PhoneNumber", otherPhone))).getEncoded())
                .isEqualTo(key.getEncoded());
        assertThat(node().subjectsOf("PhoneNumber", otherPhone)).containsExactly(subject);
    }

    /**
     * A projection opens a batch of events in one transaction: the erased mark is read once per subject there, not
     * once per event. An erasure committed elsewhere while the batch runs is in force from the next transaction (the
     * next batch, the first that can hold the erasure event); an erasure in the same transaction at once.
     */
    @Test
    void withinOneTransactionTheErasedMarkIsReadOnceAndAnErasureInItIsInForceAtOnce() {
        DriverManagerDataSource source = new DriverManagerDataSource(TestPostgres.jdbcUrl(), TestPostgres.user(), "");
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(source));
        PersonalDataKeys projectionNode = node(new JdbcTemplate(source));
        PersonalDataKeys commandNode = node();
        String erasedMeanwhile = UUID.randomUUID().toString();
        String erasedHere = UUID.randomUUID().toString();
        commandNode.keyFor(erasedMeanwhile);
        commandNode.keyFor(erasedHere);

        transaction.executeWithoutResult(status -> {
            assertThat(projectionNode.find(erasedMeanwhile)).isPresent();
            commandNode.destroy(List.of(erasedMeanwhile), "admin"); // committed on its own connection
            assertThat(projectionNode.find(erasedMeanwhile)).as("read once in this transaction").isPresent();

            assertThat(projectionNode.find(erasedHere)).isPresent();
            projectionNode.destroy(List.of(erasedHere), "admin");
            assertThat(projectionNode.find(erasedHere)).as("erased in this very transaction").isEmpty();
            assertThat(projectionNode.isErased(erasedHere)).isTrue();
        });

        transaction.executeWithoutResult(status ->
                assertThat(projectionNode.find(erasedMeanwhile)).as("the next transaction").isEmpty());
        assertThat(projectionNode.find(erasedMeanwhile)).as("outside any transaction").isEmpty();
        assertThat(node().find(erasedHere)).as("the erasure in the transaction committed").isEmpty();
    }

    /**
     * A new subject (every commissioning's client) costs one read of the key table, which says whether the subject has
     * a key, never had one or was erased: it used to ask twice (the key, then the erased mark). An erased subject is
     * refused on that one read too, and a cached key still checks the erased mark once per use.
     */
    @Test
    void oneReadOfTheKeyTableTellsANewSubjectFromAnErasedOne() {
        List<String> statements = new CopyOnWriteArrayList<>();
        DriverManagerDataSource source = new DriverManagerDataSource(TestPostgres.jdbcUrl(), TestPostgres.user(), "") {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                                statements.add(sql);
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        PersonalDataKeys keys = node(new JdbcTemplate(source));
        Supplier<List<String>> reads = () -> statements.stream()
                .filter(sql -> sql.startsWith("select") && sql.contains(".personal_data_key ")).toList();

        String subject = UUID.randomUUID().toString();
        keys.keyFor(subject, List.of(new PersonalDataKeys.Indexed("PhoneNumber", "13912345678")));
        assertThat(reads.get()).as("a new subject").hasSize(1);

        String erased = UUID.randomUUID().toString();
        node().keyFor(erased);
        node().destroy(List.of(erased), "admin");
        statements.clear();
        assertThatThrownBy(() -> keys.keyFor(erased, List.of(new PersonalDataKeys.Indexed("PhoneNumber",
                "13912345678")))).isInstanceOf(ErasedDataSubjectException.class);
        assertThat(reads.get()).as("an erased subject").hasSize(1);
        assertThat(statements).as("nothing indexed for it").noneMatch(sql -> sql.contains("personal_data_index"));

        statements.clear();
        assertThat(keys.find(subject)).isPresent();
        assertThat(reads.get()).as("a cached key checks the erased mark").hasSize(1);
    }
}
