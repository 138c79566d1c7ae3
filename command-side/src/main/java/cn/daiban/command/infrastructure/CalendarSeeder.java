package cn.daiban.command.infrastructure;

import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.kernel.calendar.LoadCalendarYearCommand;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Set;

/**
 * Loads the shipped years of the working-day calendar ({@code classpath:calendar/*.json}, the State Council's
 * dates as data) when they are not loaded yet. Later years are loaded by an administrator through the API.
 */
@Component
@Order(1)
class CalendarSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CalendarSeeder.class);

    private final SeedProperties seed;
    private final CalendarProvider calendars;
    private final SystemCommands commands;
    private final ObjectMapper json;

    CalendarSeeder(SeedProperties seed, CalendarProvider calendars, SystemCommands commands, ObjectMapper json) {
        this.seed = seed;
        this.calendars = calendars;
        this.commands = commands;
        this.json = json;
    }

    record ShippedYear(int year, String notice, Set<LocalDate> holidays, Set<LocalDate> adjustedWorkingDays) {
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!seed.calendar()) {
            return;
        }
        Set<Integer> loaded = calendars.current().loadedYears();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:calendar/*.json")) {
            ShippedYear year;
            try (InputStream in = resource.getInputStream()) {
                year = json.readValue(in, ShippedYear.class);
            }
            if (loaded.contains(year.year())) {
                continue;
            }
            if (commands.createOnce(new LoadCalendarYearCommand(year.year(), year.holidays(),
                    year.adjustedWorkingDays(), year.notice()))) {
                log.info("loaded the working-day calendar for {} ({})", year.year(), year.notice());
            } else {
                // Loaded already (another node, or the events outlived the look-up rows): take the rows from them.
                int y = year.year();
                commands.ensureLookUp(CalendarYearData.aggregateId(y), JdbcCalendarProvider.PROCESSING_GROUP,
                        () -> calendars.current().loadedYears().contains(y));
            }
        }
    }
}
