package cn.daiban.kernel.calendar;

/** A date in a year whose State Council holiday notice has not been loaded: never guessed. */
public class CalendarYearNotLoadedException extends RuntimeException {

    private final int year;

    public CalendarYearNotLoadedException(int year) {
        super("the working-day calendar for " + year + " is not loaded: an administrator must load that year's "
                + "State Council holiday notice");
        this.year = year;
    }

    public int year() {
        return year;
    }
}
