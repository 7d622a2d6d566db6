package org.permithub.hub.govplatform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock the connectors schedule their retries by. In production it is the system clock
 * ({@code speed} 1); tests run it faster, so an outage of hours passes in seconds while the
 * relay retries exactly as it would in real time.
 */
public final class AcceleratedClock extends Clock {

    private final Instant startedAt;
    private final long startedNanos;
    private final double speed;

    public AcceleratedClock(double speed) {
        if (speed < 1) {
            throw new IllegalArgumentException("clock speed must be at least 1, was " + speed);
        }
        this.startedAt = Instant.now();
        this.startedNanos = System.nanoTime();
        this.speed = speed;
    }

    public double speed() {
        return speed;
    }

    /** How long {@code simulated} takes on this clock in real time. */
    public Duration realTime(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    @Override
    public Instant instant() {
        if (speed == 1) {
            return Instant.now();
        }
        return startedAt.plusNanos((long) ((System.nanoTime() - startedNanos) * speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the connector clock is UTC");
    }
}
