package org.permithub.hub.regulator.feed;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * A client's place in the feed: for every partition of {@code permit.events} ({@code e}) and
 * {@code permit.alerts} ({@code a}), the next Kafka offset to read. It is the SSE event id, e.g.
 * {@code e0:1042,a0:17}, so a client that reconnects with {@code Last-Event-ID} resumes exactly
 * after the last event it saw, whichever partition that came from.
 */
record FeedPosition(Map<String, Long> nextOffsets) {

    FeedPosition {
        nextOffsets = new TreeMap<>(nextOffsets);
    }

    static String key(String shortTopic, int partition) {
        return shortTopic + partition;
    }

    String encode() {
        StringBuilder id = new StringBuilder();
        nextOffsets.forEach((k, v) -> id.append(id.length() == 0 ? "" : ",").append(k).append(':').append(v));
        return id.toString();
    }

    /** Parses an event id; {@link IllegalArgumentException} when it is not one the feed handed out. */
    static FeedPosition decode(String id) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (String part : id.split(",")) {
            String[] kv = part.split(":");
            if (kv.length != 2 || !kv[0].matches("[ea][0-9]{1,4}")) {
                throw new IllegalArgumentException("not a feed position: " + id);
            }
            long offset = Long.parseLong(kv[1]);
            if (offset < 0) {
                throw new IllegalArgumentException("not a feed position: " + id);
            }
            offsets.put(kv[0], offset);
        }
        return new FeedPosition(offsets);
    }

    Long offsetOf(String shortTopic, TopicPartition partition) {
        return nextOffsets.get(key(shortTopic, partition.partition()));
    }
}
