package cn.daiban.command.web;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slot takes no more bookings than its capacity when they come at once (against PostgreSQL, over HTTP): sixteen
 * bookings of one slot of two at the same moment give two bookings and fourteen refusals naming the slot's rule,
 * never more; a booking of another slot at the same moment is not held up by them.
 */
class ConcurrentBookingsIT extends PostgresIntegrationTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    CalendarProvider calendars;
    @Autowired
    ServiceClock clock;

    private ResponseEntity<String> post(String path, String body, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    @Test
    void aSlotBookedByManyAtOnceTakesNoMoreThanItsCapacity() throws Exception {
        String code = CommandApiIT.newCode();
        String admin = tokens.issue("admin-bookings", Role.ADMINISTRATOR, "140521000");
        assertThat(post("/api/stations", CommandApiIT.countyOpening(code), admin).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/stations/" + code + "/opening/approval", "{}", admin).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String manager = tokens.issue("manager-" + code, Role.STATION_MANAGER, code);
        ResponseEntity<String> schedule = post("/api/stations/" + code + "/booking-schedule", """
                {"windows":[{"from":"09:00","to":"12:00","slotMinutes":30,"capacity":2,"extendedHours":false}],
                 "homeVisits":false}""", manager);
        assertThat(schedule.getStatusCode()).as(schedule.getBody()).isEqualTo(HttpStatus.OK);
        // The next working day (weekends alone beyond the loaded years, as the command side counts); a regular
        // booking needs its year's calendar, so in the last days of a year the next one is loaded (weekends only).
        WorkingDayCalendar calendar = calendars.current().provisionalBeyondLoadedYears();
        LocalDate day = clock.today().plusDays(1);
        while (!calendar.isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        if (calendar.isProvisional(day)) {
            ResponseEntity<String> loaded = post("/api/calendar/years", """
                    {"year":%d,"holidays":[],"adjustedWorkingDays":[],"notice":"测试"}""".formatted(day.getYear()), admin);
            assertThat(loaded.getStatusCode().value()).as(loaded.getBody()).isIn(201, 409);
        }
        String agent = tokens.issue("agent-" + code, Role.AGENT, code);
        String booking = """
                {"stationCode":"%s","itemCode":"RS-001","date":"%s","slotStart":"%s","kind":"REGULAR",
                 "channel":"PHONE","clientName":"孙某","phone":"13500001111"}""";
        List<Callable<ResponseEntity<String>>> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String body = booking.formatted(code, day, "09:00");
            all.add(() -> post("/api/appointments", body, agent));
        }
        String other = booking.formatted(code, day, "09:30");
        all.add(() -> post("/api/appointments", other, agent));

        List<ResponseEntity<String>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(all.size());
        try {
            for (Future<ResponseEntity<String>> answer : pool.invokeAll(all)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdown();
        }
        List<ResponseEntity<String>> slot = answers.subList(0, 16);
        assertThat(slot.stream().filter(a -> a.getStatusCode() == HttpStatus.CREATED)).as(slot.toString()).hasSize(2);
        assertThat(slot.stream().filter(a -> a.getStatusCode() != HttpStatus.CREATED)).hasSize(14)
                .allSatisfy(refused -> {
                    assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(422);
                    assertThat(json.readTree(refused.getBody()).get("rule").asText()).isEqualTo("slot-capacity");
                });
        assertThat(answers.get(16).getStatusCode()).as(answers.get(16).getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(jdbc.queryForObject("""
                select count(*) from command_side.booking_registry
                where station_code = ? and day = ? and slot_start = '09:00' and active""", Integer.class, code, day))
                .isEqualTo(2);
        assertThat(jdbc.queryForObject("""
                select count(*) from command_side.domain_event_entry
                where payload_type like '%AppointmentBookedEvent' and aggregate_identifier in (
                    select appointment_id from command_side.booking_registry where station_code = ?)""",
                Integer.class, code)).isEqualTo(3);
    }
}
