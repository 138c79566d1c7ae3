package cn.daiban.query.support;

import cn.daiban.localpg.TestPostgres;
import cn.daiban.query.infrastructure.AxonConfiguration;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.privacy.PersonalDataSchema;
import cn.daiban.security.Role;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import java.io.IOException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Base of the query side's integration tests: the whole application against a real, throw-away PostgreSQL that
 * also holds the event table as the command side lays it out, so a test can append events and watch the
 * projections follow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("embedded")
// Every test context shares one outbox, and Spring keeps earlier contexts running: a context that sent would race
// the one whose sender a test watches (NotificationsIT). Only the tests of sending send.
// A replay writes its gathered steps every 7 here (1,000 by default), and settles its counters every 3 matters (2,000
// by default), so the tests' small replays do both when enough are gathered and at their end (DelegationProjection).
@TestPropertySource(properties = {"daiban.notifications.send=false", "daiban.rebuilds.steps-together=7",
        "daiban.rebuilds.settle-every=3"})
public abstract class PostgresIntegrationTest {

    /**
     * Requests of the shared {@link TestRestTemplate} are an administrator's unless they carry their own
     * {@code Authorization} header: the views' behaviour is tested here, who may read them in the access tests.
     */
    @BeforeEach
    void signInAsAdministrator(@Autowired TestRestTemplate http, @Autowired EmbeddedTokens tokens) {
        if (http.getRestTemplate().getInterceptors().stream().noneMatch(AdministratorToken.class::isInstance)) {
            http.getRestTemplate().getInterceptors().add(new AdministratorToken(tokens.issue("admin", Role.ADMINISTRATOR, null)));
        }
    }

    private record AdministratorToken(String token) implements ClientHttpRequestInterceptor {
        @Override
        public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
                throws IOException {
            if (!request.getHeaders().containsKey(HttpHeaders.AUTHORIZATION)) {
                request.getHeaders().setBearerAuth(token);
            }
            return execution.execute(request, body);
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        createEventTables();
        registry.add("spring.datasource.url", TestPostgres::jdbcUrl);
        registry.add("spring.datasource.username", TestPostgres::user);
        // A live-update stream whose client hung up without a word stays "in progress" for Tomcat until a write
        // fails; at the end of the run the graceful shutdown would wait its full 30 s for such streams.
        registry.add("spring.lifecycle.timeout-per-shutdown-phase", () -> "3s");
    }

    private static synchronized void createEventTables() {
        try (Connection connection = DriverManager.getConnection(TestPostgres.jdbcUrl(), TestPostgres.user(), "")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create schema if not exists command_side");
                // The privacy store the command side lays out (V60__personal_data).
                statement.execute(PersonalDataSchema.ddl("command_side"));
                // The evaluation invitations' code hashes the command side lays out (V96__evaluation_codes).
                statement.execute(cn.daiban.security.invitation.EvaluationCodes.ddl("command_side"));
                statement.execute("""
                        select 1 from information_schema.tables
                        where table_schema = 'command_side' and table_name = 'domain_event_entry'""");
                if (statement.getResultSet().next()) {
                    return;
                }
            }
            var schema = new AxonConfiguration().eventSchema();
            try (PreparedStatement events = PostgresEventTableFactory.INSTANCE.createDomainEventTable(connection, schema);
                 PreparedStatement snapshots = PostgresEventTableFactory.INSTANCE.createSnapshotEventTable(connection, schema)) {
                events.execute();
                snapshots.execute();
            }
            try (Statement statement = connection.createStatement()) {
                // The audit columns the command side's append statement fills (V5__event_audit_columns.sql).
                statement.execute("""
                        alter table command_side.domain_event_entry
                            add column actor_id varchar(64),
                            add column station_code varchar(20),
                            add column correlation_id varchar(128)""");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the event tables", e);
        }
    }
}
