package org.permithub.hub.regulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.permithub.hub.permit.HappyPath;

/** The SSE feed: state changes within a second, only the jurisdiction's, resumable with Last-Event-ID. */
class RegulatorFeedTest extends RegulatorTestSupport {

    /** One received SSE event. */
    record Event(String id, String name, JsonNode data, long receivedNanos) {}

    /** A feed connection read on its own thread. */
    final class Feed implements AutoCloseable {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final CountDownLatch open = new CountDownLatch(1);
        private final Stream<String> lines;
        final int status;

        Feed(String token, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/regulator/v1/feed"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            lines = response.body();
            Thread reader = new Thread(this::read, "feed-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            String[] current = new String[2];
            try {
                lines.forEach(line -> {
                    if (line.startsWith(": feed open")) {
                        open.countDown();
                    } else if (line.startsWith("id: ")) {
                        current[0] = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        current[1] = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        events.add(new Event(current[0], current[1], json(line.substring(6)), System.nanoTime()));
                    }
                });
            } catch (RuntimeException closed) {
                // the test closed the connection
            }
        }

        /** The state changes of a permit (alerts about it left out). */
        List<Event> of(String permitNo) {
            return events.stream().filter(e -> "permit".equals(e.name()))
                    .filter(e -> e.data().get("permitNo").asText().equals(permitNo)).toList();
        }

        /** Every event about a permit, alerts included. */
        List<Event> anyAbout(String permitNo) {
            return events.stream().filter(e -> e.data().get("permitNo").asText().equals(permitNo)).toList();
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void aStateChangeArrivesWithinASecondAndOnlyFromTheJurisdiction() throws Exception {
        try (Feed feed = new Feed(regulatorToken("3706"), null)) {
            assertThat(feed.status).isEqualTo(200);
            assertThat(feed.open.await(30, TimeUnit.SECONDS)).isTrue();
            String foreign = appliedPermit(OTHER_ENTERPRISE);
            String permitNo = newPermitNo();
            var applied = post("/api/v1/permits", enterpriseToken(ENTERPRISE), hotWorkApplication(permitNo, ENTERPRISE),
                    java.util.UUID.randomUUID().toString());
            long answeredAt = System.nanoTime();
            assertThat(applied.statusCode()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> !feed.of(permitNo).isEmpty());
            Event event = feed.of(permitNo).get(0);
            assertThat(Duration.ofNanos(event.receivedNanos() - answeredAt)).isLessThan(Duration.ofSeconds(1));
            assertThat(event.name()).isEqualTo("permit");
            assertThat(event.data().get("state").asText()).isEqualTo("APPLIED");
            assertThat(event.data().get("action").asText()).isEqualTo("APPLY");
            assertThat(event.id()).matches("([ea][0-9]+:[0-9]+,?)+");

            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> feed.anyAbout(foreign).isEmpty());
        }
    }

    @Test
    void aClientResumesAfterTheLastEventItSawWithLastEventId() throws Exception {
        String permitNo;
        String lastSeen;
        String token = enterpriseToken(ENTERPRISE);
        try (Feed feed = new Feed(regulatorToken("3706"), null)) {
            assertThat(feed.open.await(30, TimeUnit.SECONDS)).isTrue();
            permitNo = appliedPermit(ENTERPRISE);
            await().atMost(Duration.ofSeconds(5)).until(() -> !feed.of(permitNo).isEmpty());
            lastSeen = feed.of(permitNo).get(0).id();
        }
        // while the client is away
        assertThat(action(permitNo, token, "APPROVE", HappyPath.approval()).statusCode()).isEqualTo(200);
        assertThat(action(permitNo, token, "GAS_TEST", HappyPath.gasTest()).statusCode()).isEqualTo(200);

        try (Feed resumed = new Feed(regulatorToken("3706"), lastSeen)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> resumed.of(permitNo).size() >= 2);
            List<Event> events = resumed.of(permitNo);
            assertThat(events).extracting(e -> e.data().get("action").asText()).startsWith("APPROVE", "GAS_TEST")
                    .doesNotContain("APPLY");
            assertThat(events.get(0).data().get("version").asInt()).isEqualTo(2);
        }
        try (Feed garbage = new Feed(regulatorToken("3706"), "not-an-id")) {
            assertThat(garbage.status).isEqualTo(400);
        }
    }
}
