package dev.sluice.ui.snapshots.timeline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ticks for the time axis that adapt to the zoom: years, then months, days, hours and minutes, always
 * on calendar boundaries in the host's time zone, never closer than a label's width apart.
 */
public final class TimeAxis {

    /** A tick: where it is, its label, and whether it starts a larger unit (midnight, 1st of a month). */
    public record Tick(double epochSeconds, String label, boolean major) {
    }

    enum Unit { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

    /** A step between ticks: {@code amount} of {@code unit}; {@code approxSeconds} picks the step for a zoom. */
    record Step(Unit unit, int amount, long approxSeconds) {
    }

    static final List<Step> STEPS = List.of(
            new Step(Unit.MINUTE, 1, 60), new Step(Unit.MINUTE, 5, 300), new Step(Unit.MINUTE, 15, 900),
            new Step(Unit.MINUTE, 30, 1800), new Step(Unit.HOUR, 1, 3600), new Step(Unit.HOUR, 3, 3 * 3600),
            new Step(Unit.HOUR, 6, 6 * 3600), new Step(Unit.HOUR, 12, 12 * 3600), new Step(Unit.DAY, 1, 86400),
            new Step(Unit.DAY, 2, 2 * 86400), new Step(Unit.WEEK, 1, 7 * 86400), new Step(Unit.MONTH, 1, 30 * 86400L),
            new Step(Unit.MONTH, 3, 91 * 86400L), new Step(Unit.MONTH, 6, 182 * 86400L), new Step(Unit.YEAR, 1, 365 * 86400L),
            new Step(Unit.YEAR, 2, 2 * 365 * 86400L), new Step(Unit.YEAR, 5, 5 * 365 * 86400L),
            new Step(Unit.YEAR, 10, 10 * 365 * 86400L), new Step(Unit.YEAR, 50, 50 * 365 * 86400L),
            new Step(Unit.YEAR, 100, 100 * 365 * 86400L));

    private final ZoneId zone;
    private final DateTimeFormatter year;
    private final DateTimeFormatter month;
    private final DateTimeFormatter monthOnly;
    private final DateTimeFormatter day;
    private final DateTimeFormatter clock;

    public TimeAxis(ZoneId zone, Locale locale) {
        this.zone = zone;
        this.year = DateTimeFormatter.ofPattern("yyyy", locale);
        this.month = DateTimeFormatter.ofPattern("MMM yyyy", locale);
        this.monthOnly = DateTimeFormatter.ofPattern("MMM", locale);
        this.day = DateTimeFormatter.ofPattern("MMM d", locale);
        this.clock = DateTimeFormatter.ofPattern("HH:mm", locale);
    }

    public ZoneId zone() {
        return zone;
    }

    static Step stepFor(double secondsPerPixel, double minSpacingPx) {
        for (Step s : STEPS) {
            if (s.approxSeconds() / secondsPerPixel >= minSpacingPx) {
                return s;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    /** The ticks within {@code [from, to]} (epoch seconds) at this zoom; at most a few dozen. */
    public List<Tick> ticks(double from, double to, double secondsPerPixel, double minSpacingPx) {
        Step step = stepFor(secondsPerPixel, minSpacingPx);
        List<Tick> out = new ArrayList<>();
        ZonedDateTime t = align(ZonedDateTime.ofInstant(Instant.ofEpochSecond((long) Math.floor(from)), zone), step);
        // bounded: the step guarantees at most (to - from) / approxSeconds + 2 ticks
        for (int guard = 0; guard < 10_000; guard++) {
            double s = t.toEpochSecond();
            if (s > to) {
                break;
            }
            if (s >= from) {
                out.add(new Tick(s, label(t, step), isMajor(t, step)));
            }
            t = next(t, step);
        }
        return out;
    }

    private static ZonedDateTime align(ZonedDateTime t, Step s) {
        return switch (s.unit()) {
            case MINUTE -> {
                ZonedDateTime m = t.truncatedTo(ChronoUnit.MINUTES);
                yield m.withMinute(m.getMinute() / s.amount() * s.amount());
            }
            case HOUR -> {
                ZonedDateTime h = t.truncatedTo(ChronoUnit.HOURS);
                yield h.withHour(h.getHour() / s.amount() * s.amount());
            }
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case WEEK -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> {
                ZonedDateTime m = t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
                yield m.withMonth((m.getMonthValue() - 1) / s.amount() * s.amount() + 1);
            }
            case YEAR -> {
                ZonedDateTime y = t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
                yield y.withYear(Math.floorDiv(y.getYear(), s.amount()) * s.amount());
            }
        };
    }

    private static ZonedDateTime next(ZonedDateTime t, Step s) {
        return switch (s.unit()) {
            case MINUTE -> t.plusMinutes(s.amount());
            case HOUR -> {
                ZonedDateTime n = t.plusHours(s.amount());
                // keep 3/6/12-hour ticks on multiples of the step across DST changes
                yield n.getHour() % s.amount() == 0 ? n : align(n, s);
            }
            case DAY -> t.plusDays(s.amount()).truncatedTo(ChronoUnit.DAYS);
            case WEEK -> t.plusWeeks(1).truncatedTo(ChronoUnit.DAYS);
            case MONTH -> t.plusMonths(s.amount());
            case YEAR -> t.plusYears(s.amount());
        };
    }

    private boolean isMajor(ZonedDateTime t, Step s) {
        return switch (s.unit()) {
            case MINUTE, HOUR -> t.getHour() == 0 && t.getMinute() == 0;
            case DAY, WEEK -> t.getDayOfMonth() == 1;
            case MONTH -> t.getMonthValue() == 1;
            case YEAR -> true;
        };
    }

    private String label(ZonedDateTime t, Step s) {
        return switch (s.unit()) {
            case MINUTE, HOUR -> isMajor(t, s) ? day.format(t) : clock.format(t);
            case DAY, WEEK -> day.format(t);
            case MONTH -> t.getMonthValue() == 1 || s.amount() > 1 ? month.format(t) : monthOnly.format(t);
            case YEAR -> year.format(t);
        };
    }

    /** A full, unambiguous time for tooltips and the context label. */
    public String full(long epochSeconds) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(
                ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), zone));
    }
}
