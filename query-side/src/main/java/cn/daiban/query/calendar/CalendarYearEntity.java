package cn.daiban.query.calendar;

import cn.daiban.kernel.calendar.CalendarYearData;
import cn.daiban.kernel.calendar.CalendarYearsResponse;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

@Entity
@Table(name = "calendar_year")
class CalendarYearEntity {

    @Id
    private int year;
    private int revision;
    private String notice;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private LocalDate[] holidays;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "adjusted_working_days")
    private LocalDate[] adjustedWorkingDays;

    protected CalendarYearEntity() {
    }

    CalendarYearEntity(int year) {
        this.year = year;
    }

    void loaded(int revision, String notice, Set<LocalDate> holidays, Set<LocalDate> adjustedWorkingDays) {
        this.revision = revision;
        this.notice = notice;
        this.holidays = new TreeSet<>(holidays).toArray(LocalDate[]::new);
        this.adjustedWorkingDays = new TreeSet<>(adjustedWorkingDays).toArray(LocalDate[]::new);
    }

    CalendarYearData data() {
        return new CalendarYearData(year, Set.of(holidays), Set.of(adjustedWorkingDays), notice);
    }

    CalendarYearsResponse.Year toResponse() {
        return new CalendarYearsResponse.Year(year, revision, notice, new TreeSet<>(Set.of(holidays)),
                new TreeSet<>(Set.of(adjustedWorkingDays)));
    }
}
