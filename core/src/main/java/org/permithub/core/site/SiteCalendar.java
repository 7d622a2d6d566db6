package org.permithub.core.site;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A site's working calendar in its own time zone: what counts as night, which weekdays are rest
 * days, public holidays, and make-up working days (调休) that override a rest day. GB 30871-2022
 * §5.1.1 raises hot work by one grade on holidays, rest days and at night; the standard does not
 * define night, so each site states its own night window.
 *
 * @param nightStarts start of night (inclusive); when after {@code nightEnds} the night runs over midnight
 * @param nightEnds end of night (exclusive)
 * @param restDays weekly rest days (公休日), usually Saturday and Sunday
 * @param holidays public holidays (节假日)
 * @param workingDays make-up working days (调休上班): rest-day dates that are worked
 */
public record SiteCalendar(
        ZoneId zone,
        LocalTime nightStarts,
        LocalTime nightEnds,
        Set<DayOfWeek> restDays,
        Set<LocalDate> holidays,
        Set<LocalDate> workingDays) {

    public SiteCalendar {
        if (zone == null || nightStarts == null || nightEnds == null) {
            throw new IllegalArgumentException("a site calendar needs a zone and a night window");
        }
        if (nightStarts.equals(nightEnds)) {
            throw new IllegalArgumentException("the night window must not be empty");
        }
        restDays = restDays == null || restDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(restDays));
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
        workingDays = workingDays == null ? Set.of() : Set.copyOf(workingDays);
    }

    /** Saturday and Sunday off, no holidays yet. */
    public static SiteCalendar of(ZoneId zone, LocalTime nightStarts, LocalTime nightEnds) {
        return new SiteCalendar(zone, nightStarts, nightEnds,
                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), Set.of(), Set.of());
    }

    public SiteCalendar withHolidays(Set<LocalDate> dates) {
        return new SiteCalendar(zone, nightStarts, nightEnds, restDays, dates, workingDays);
    }

    public SiteCalendar withWorkingDays(Set<LocalDate> dates) {
        return new SiteCalendar(zone, nightStarts, nightEnds, restDays, holidays, dates);
    }

    public LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date);
    }

    /** A weekly rest day that is not a make-up working day, and not already a holiday. */
    public boolean isRestDay(LocalDate date) {
        return !holidays.contains(date) && !workingDays.contains(date) && restDays.contains(date.getDayOfWeek());
    }

    /** True when [from, to) overlaps any night of the site. */
    public boolean overlapsNight(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return false;
        }
        boolean wrapsMidnight = nightStarts.isAfter(nightEnds);
        LocalDate first = dateOf(from).minusDays(1);
        LocalDate last = dateOf(to);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Instant nightFrom = ZonedDateTime.of(d, nightStarts, zone).toInstant();
            Instant nightTo = ZonedDateTime.of(wrapsMidnight ? d.plusDays(1) : d, nightEnds, zone).toInstant();
            if (nightFrom.isBefore(to) && from.isBefore(nightTo)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code instant} falls in a night of the site. */
    public boolean isNight(Instant instant) {
        return overlapsNight(instant, instant.plusNanos(1));
    }

    /** True when [from, to) touches a holiday. */
    public boolean overlapsHoliday(Instant from, Instant to) {
        return anyDate(from, to, this::isHoliday);
    }

    /** True when [from, to) touches a rest day (not counting make-up working days). */
    public boolean overlapsRestDay(Instant from, Instant to) {
        return anyDate(from, to, this::isRestDay);
    }

    private boolean anyDate(Instant from, Instant to, java.util.function.Predicate<LocalDate> test) {
        if (!to.isAfter(from)) {
            return false;
        }
        LocalDate last = dateOf(to.minusNanos(1));
        for (LocalDate d = dateOf(from); !d.isAfter(last); d = d.plusDays(1)) {
            if (test.test(d)) {
                return true;
            }
        }
        return false;
    }
}
