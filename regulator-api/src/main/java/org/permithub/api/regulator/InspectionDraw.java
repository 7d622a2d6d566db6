package org.permithub.api.regulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.permithub.ledger.hash.ActionHash;

/**
 * The reproducible draw of a random inspection (双随机): the population is sorted, then a
 * partial Fisher–Yates shuffle takes {@code size} members, its random numbers coming from SHA-256
 * of (seed, counter). Anyone with the seed and the population redraws the same sample, on any
 * platform, without trusting {@code java.util.Random}.
 */
public final class InspectionDraw {

    private InspectionDraw() {}

    public static List<String> draw(List<String> population, long seed, int size) {
        List<String> pool = new ArrayList<>(population);
        pool.sort(null);
        int take = Math.min(size, pool.size());
        long counter = 0;
        for (int i = 0; i < take; i++) {
            int remaining = pool.size() - i;
            // rejection sampling keeps every index equally likely
            long bound = Long.MAX_VALUE - (Long.MAX_VALUE % remaining);
            long value;
            do {
                value = next(seed, counter++) & Long.MAX_VALUE;
            } while (value >= bound);
            int j = i + (int) (value % remaining);
            String chosen = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, chosen);
        }
        return List.copyOf(pool.subList(0, take));
    }

    /** SHA-256 of the sorted population, one member per line: shows the draw ran over the same set. */
    public static String populationHash(List<String> population) {
        List<String> sorted = new ArrayList<>(population);
        sorted.sort(null);
        return ActionHash.sha256Hex(String.join("\n", sorted).getBytes(StandardCharsets.UTF_8));
    }

    private static long next(long seed, long counter) {
        byte[] digest = ActionHash.sha256(ByteBuffer.allocate(16).putLong(seed).putLong(counter).array());
        return ByteBuffer.wrap(digest, 0, 8).getLong();
    }
}
