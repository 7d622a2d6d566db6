package org.permithub.core.simops;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.permithub.core.permit.Permit;
import org.permithub.core.permit.PermitApplication;
import org.permithub.core.permit.PermitState;
import org.permithub.core.permit.WorkType;
import org.permithub.core.site.GeoPoint;

/**
 * One permit as the SIMOPS check sees it.
 *
 * @param windowStart planned start; with {@code windowEnd} used at APPLY to find overlapping work
 * @param windowEnd the validity end
 * @param state the permit's state (APPLY checks every open permit, START only the ACTIVE ones)
 */
public record SimopsOperation(
        String permitNo,
        WorkType workType,
        Set<SimopsActivity> activities,
        GeoPoint point,
        String zoneId,
        String confinedSpaceId,
        String pipeId,
        String dikeId,
        Instant windowStart,
        Instant windowEnd,
        PermitState state) {

    public SimopsOperation {
        if (permitNo == null || workType == null || point == null || state == null) {
            throw new IllegalArgumentException("a SIMOPS operation needs a permit number, work type, point and state");
        }
        EnumSet<SimopsActivity> all = EnumSet.of(SimopsActivity.of(workType));
        if (activities != null) {
            all.addAll(activities);
        }
        all.remove(SimopsActivity.ANY_WORK);
        activities = Set.copyOf(all);
    }

    public static SimopsOperation of(Permit permit) {
        return of(permit.application(), permit.state(), permit.validUntil());
    }

    public static SimopsOperation of(PermitApplication application, PermitState state, Instant validUntil) {
        var details = application.details();
        var location = application.location();
        return new SimopsOperation(application.permitNo(), application.workType(), details.activities(),
                new GeoPoint(location.lat(), location.lon()), location.zoneId(), details.confinedSpaceId(),
                details.pipeId(), details.dikeId(), application.plannedStart(), validUntil, state);
    }

    /** Whether the two time windows overlap ([start, end), an unknown bound counts as open). */
    public boolean overlaps(SimopsOperation other) {
        boolean startsBeforeOtherEnds = windowStart == null || other.windowEnd == null || windowStart.isBefore(other.windowEnd);
        boolean otherStartsBeforeThisEnds = other.windowStart == null || windowEnd == null || other.windowStart.isBefore(windowEnd);
        return startsBeforeOtherEnds && otherStartsBeforeThisEnds;
    }
}
