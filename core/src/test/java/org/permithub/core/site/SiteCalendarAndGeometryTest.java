package org.permithub.core.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteCalendarAndGeometryTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final SiteCalendar CALENDAR = SiteCalendar.of(SHANGHAI, LocalTime.of(22, 0), LocalTime.of(6, 0));

    private static Instant local(String text) {
        return LocalDateTime.parse(text).atZone(SHANGHAI).toInstant();
    }

    @ParameterizedTest(name = "{0}: night={1}")
    @CsvSource({"2025-03-04T21:59:59, false", "2025-03-04T22:00, true", "2025-03-05T05:59:59, true", "2025-03-05T06:00, false"})
    void night_is_judged_in_the_site_zone(String time, boolean night) {
        assertThat(CALENDAR.isNight(local(time))).isEqualTo(night);
    }

    @Test
    void a_night_window_within_one_day_works_too() {
        SiteCalendar early = SiteCalendar.of(SHANGHAI, LocalTime.of(0, 0), LocalTime.of(5, 0));
        assertThat(early.isNight(local("2025-03-05T04:59"))).isTrue();
        assertThat(early.isNight(local("2025-03-05T23:00"))).isFalse();
    }

    @Test
    void holidays_rest_days_and_make_up_days() {
        SiteCalendar c = CALENDAR.withHolidays(Set.of(LocalDate.of(2025, 5, 1)))
                .withWorkingDays(Set.of(LocalDate.of(2025, 4, 27)));

        assertThat(c.isHoliday(LocalDate.of(2025, 5, 1))).isTrue();
        assertThat(c.isRestDay(LocalDate.of(2025, 4, 26))).isTrue();
        assertThat(c.isRestDay(LocalDate.of(2025, 4, 27))).isFalse();
        assertThat(c.overlapsRestDay(local("2025-04-25T20:00"), local("2025-04-26T00:00"))).isFalse();
        assertThat(c.overlapsRestDay(local("2025-04-25T20:00"), local("2025-04-26T00:01"))).isTrue();
    }

    @ParameterizedTest(name = "{0} m/s → force {1}")
    @CsvSource({"7.9, 4", "8.0, 5", "10.7, 5", "10.8, 6", "0, 0", "33, 12"})
    void beaufort_force(double speed, int force) {
        assertThat(new WindReading(speed, Instant.EPOCH).beaufortForce()).isEqualTo(force);
    }

    @Test
    void offsets_and_distances_agree() {
        GeoPoint origin = new GeoPoint(38.05, 114.5);
        assertThat(origin.distanceMetresTo(origin.offsetMetres(30, 0))).isCloseTo(30, org.assertj.core.data.Offset.offset(0.01));
        assertThat(origin.distanceMetresTo(origin.offsetMetres(0, 30))).isCloseTo(30, org.assertj.core.data.Offset.offset(0.01));
    }
}
