package org.permithub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.permithub.api.problem.ApiErrorHandling;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The REST routes run on the request threads, not on a small shared pool: more requests than
 * Spring's default task pool has threads (8) are inside their routes at the same time.
 */
class RequestThreadRoutesTest extends HubTestSupport {

    private static final String ROUTE_ID = "request-thread-probe";
    private static final int AT_ONCE = 16;

    @Autowired
    CamelContext camel;

    @AfterEach
    void removeProbe() throws Exception {
        camel.getRouteController().stopRoute(ROUTE_ID);
        camel.removeRoute(ROUTE_ID);
    }

    @Test
    void moreRequestsThanTheDefaultTaskPoolAreInTheirRoutesAtOnce() throws Exception {
        CountDownLatch inside = new CountDownLatch(AT_ONCE);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // each request waits until all of them are inside a route: with 8 route threads it never happens
                from("platform-http:/probe/v1/wait?httpMethodRestrict=GET").routeId(ROUTE_ID)
                        .routeConfigurationId(ApiErrorHandling.ID)
                        .process(exchange -> {
                            inside.countDown();
                            boolean together = inside.await(15, TimeUnit.SECONDS);
                            exchange.getMessage().setBody((together ? "together" : "alone") + " on "
                                    + Thread.currentThread().getName());
                        });
            }
        });
        // under the supervising route controller a route added after start-up stays stopped until started
        if (camel.getRouteController().getRouteStatus(ROUTE_ID) != ServiceStatus.Started) {
            camel.getRouteController().startRoute(ROUTE_ID);
        }
        String token = adminToken();
        List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, AT_ONCE)
                .mapToObj(i -> HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/probe/v1/wait"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString()))
                .toList();

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get(40, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            // Tomcat's request threads are named http-nio-<port>-exec-<n>
            assertThat(response.body()).startsWith("together on http-nio-");
        }
    }
}
