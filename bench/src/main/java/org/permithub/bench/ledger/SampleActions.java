package org.permithub.bench.ledger;

import java.time.Instant;
import java.util.SplittableRandom;

/** Permit-action JSON documents shaped like the hub's (about 450 bytes, keys in arbitrary order). */
final class SampleActions {

    private static final String[] TYPES = {"APPLY", "APPROVE", "GAS_TEST", "START", "SUSPEND", "RESUME", "COMPLETE"};

    private SampleActions() {}

    /** Degrees with 6 decimals (about 0.1 m), as site GPS and device feeds report them. */
    private static String coordinate(int base, SplittableRandom rnd) {
        return base + "." + String.format("%06d", rnd.nextInt(1_000_000));
    }

    static String[] generate(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            String type = TYPES[rnd.nextInt(TYPES.length)];
            Instant at = t0.plusNanos(rnd.nextLong(86_400_000_000_000L));
            // keys deliberately unsorted and numbers in non-canonical forms: the canonicaliser has work to do
            out[i] = "{\"type\":\"" + type + "\",\"sequence\":" + (1_000_000 + i)
                    + ",\"permitNo\":\"DH-2026-" + String.format("%06d", rnd.nextInt(1_000_000)) + "\""
                    + ",\"actionId\":\"" + new java.util.UUID(rnd.nextLong(), rnd.nextLong()) + "\""
                    + ",\"actor\":\"sub-" + Long.toHexString(rnd.nextLong()) + "\""
                    + ",\"at\":\"" + at + "\""
                    + ",\"data\":{\"o2\":" + (19.5 + rnd.nextInt(30) / 10.0) + "0"
                    + ",\"lel\":" + rnd.nextInt(10) + ".0"
                    + ",\"h2s\":" + rnd.nextInt(5) + "E0"
                    + ",\"co\":" + rnd.nextInt(30)
                    + ",\"detectorId\":\"GD-" + rnd.nextInt(10_000) + "\""
                    + ",\"location\":{\"unit\":\"焦化车间\",\"area\":\"" + (char) ('A' + rnd.nextInt(26)) + "-"
                    + rnd.nextInt(100) + "\",\"lat\":" + coordinate(30, rnd) + ",\"lon\":" + coordinate(120, rnd)
                    + "},\"alarm\":" + rnd.nextBoolean() + ",\"note\":null}"
                    + ",\"grade\":\"" + (rnd.nextBoolean() ? "SPECIAL" : "LEVEL_1") + "\""
                    + ",\"site\":\"site-" + rnd.nextInt(50) + "\"}";
        }
        return out;
    }
}
