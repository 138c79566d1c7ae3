package cn.daiban.command.infrastructure;

import cn.daiban.localpg.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V80 gives the station look-up each station's region and windows; stations registered before it get them from
 * their own events. Migrated on real PostgreSQL in a database of its own, up to V50, then with earlier history, on.
 */
class StationRegistryMigrationIT {

    /** The command side's migrations name their schema (V60), so they run in a database of their own. */
    private final String database = "registry_migration_" + UUID.randomUUID().toString().substring(0, 8);
    private final String schema = "command_side";
    private final JdbcTemplate server = new JdbcTemplate(
            new DriverManagerDataSource(TestPostgres.jdbcUrl(), TestPostgres.user(), ""));
    private DriverManagerDataSource dataSource;
    private JdbcTemplate jdbc;

    @BeforeEach
    void createDatabase() {
        server.execute("create database " + database);
        String url = TestPostgres.jdbcUrl();
        dataSource = new DriverManagerDataSource(url.substring(0, url.lastIndexOf('/') + 1) + database,
                TestPostgres.user(), "");
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterEach
    void dropDatabase() {
        server.execute("drop database if exists " + database + " with (force)");
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").target(target).load();
    }

    @Test
    void earlierStationsGetTheirRegionAndLatestWindowsFromTheirEvents() {
        flyway("50").migrate();
        registered("140521000", "COUNTY_CENTRE", null);
        registered("140521101", "TOWNSHIP_CENTRE", "140521000");
        registered("140599000", "COUNTY_CENTRE", null);   // its events are elsewhere (Axon Server)
        event("140521000", 0, "StationOpeningRequestedEvent", """
                {"stationCode":"140521000","name":"沁水县政务服务中心","level":"COUNTY_CENTRE","region":"140521",
                 "windows":[{"code":"Z1","name":"帮办代办专区","kind":"ZONE"}],"serviceItemCodes":[]}""");
        event("140521000", 1, "StationOpeningApprovedEvent", """
                {"stationCode":"140521000"}""");
        event("140521000", 2, "StationChangeApprovedEvent", """
                {"stationCode":"140521000","changeId":"c1","windows":[{"code":"Z1","name":"帮办代办专区","kind":"ZONE"},
                 {"code":"Z2","name":"企业开办分区","kind":"SUB_ZONE","department":"市场监管"}]}""");
        event("140521000", 3, "StationChangeApprovedEvent", """
                {"stationCode":"140521000","changeId":"c2","manager":{"name":"赵敏","phone":"13700001111"}}""");
        event("140521101", 0, "StationOpeningRequestedEvent", """
                {"stationCode":"140521101","name":"郑庄镇便民服务中心","level":"TOWNSHIP_CENTRE",
                 "parentCode":"140521000","region":"140521101","windows":[],"serviceItemCodes":[]}""");

        flyway("latest").migrate();

        assertThat(region("140521000")).isEqualTo("140521");
        assertThat(windows("140521000")).containsExactlyInAnyOrder("Z1", "Z2");   // the change without windows keeps them
        assertThat(region("140521101")).isEqualTo("140521101");
        assertThat(windows("140521101")).isEmpty();
        assertThat(region("140599000")).isNull();
        assertThat(windows("140599000")).isNull();
    }

    private void registered(String code, String level, String parent) {
        jdbc.update("insert into " + schema + ".station_registry (station_code, level, status, parent_code, name, "
                + "supervision_phone) values (?, ?, 'OPEN', ?, ?, '0356-7022345')", code, level, parent, "站 " + code);
    }

    private void event(String aggregate, long sequence, String type, String payload) {
        jdbc.update("insert into " + schema + ".domain_event_entry (event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "values (?, ?, ?, 'Station', '2026-11-24T02:00:00Z', ?, '1', ?, ?)",
                UUID.randomUUID().toString(), aggregate, sequence, "cn.daiban.kernel.station." + type,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }

    private String region(String code) {
        return jdbc.queryForObject("select region from " + schema + ".station_registry where station_code = ?",
                String.class, code);
    }

    private String[] windows(String code) {
        return jdbc.query("select window_codes from " + schema + ".station_registry where station_code = ?",
                rs -> {
                    rs.next();
                    Array array = rs.getArray(1);
                    return array == null ? null : (String[]) array.getArray();
                }, code);
    }
}
