package org.permithub.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The site the hub's tests apply for permits at. Its time zone is chosen when the suite starts so
 * that local time is about 10:00 then: the tests' permit windows (a few hours from now) are
 * daytime, never a rest day, and GB 30871's night and rest-day escalations (§5.1.1) never change a
 * test's outcome by the hour it happens to run at. The approver holds every Table B.1 role; the
 * workers and guardian are the standalone demo people (w-1001, w-1002 welders, g-2001 guardian).
 */
public final class TestSite {

    public static final String SITE = "t-site";
    public static final String ZONE = "unit-3";
    private static volatile boolean created;

    private TestSite() {}

    static void ensure(HubTestSupport test) {
        String admin = test.adminToken();
        if (!created) {
            synchronized (TestSite.class) {
                if (!created) {
                    var site = test.put("/admin/v1/sites/" + SITE, admin, """
                            {"name":"test site","calendar":{"zone":"%s","nightStarts":"18:00","nightEnds":"06:00",
                              "restDays":[]},
                             "zones":[{"zoneId":"%s","lat":37.5393,"lon":121.3914,"radiusM":300}],
                             "approvers":[{"personId":"a-3001","roles":["SENIOR_LEADER","SAFETY_DEPARTMENT",
                               "LOCAL_UNIT","SPECIALIST_DEPARTMENT","PLANT_MANAGER_OR_CHIEF_ENGINEER",
                               "POWER_SUPPLY_UNIT","SHIFT_LEADER","FIRE_DEPARTMENT"]}]}"""
                            .formatted(offsetForTenInTheMorningId(), ZONE));
                    assertThat(site.statusCode()).as(site.body()).isEqualTo(200);
                    created = true;
                }
            }
        }
        var wind = test.put("/admin/v1/sites/" + SITE + "/wind", admin,
                "{\"speedMps\":2.5,\"measuredAt\":\"" + Instant.now() + "\"}");
        assertThat(wind.statusCode()).as(wind.body()).isEqualTo(200);
    }

    /** A UTC offset at which it is now about 10:00. */
    public static String offsetForTenInTheMorningId() {
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = 10 - hour;
        if (offset < -12) {
            offset += 24;
        }
        if (offset > 14) {
            offset -= 24;
        }
        return ZoneOffset.ofHours(offset).getId();
    }
}
