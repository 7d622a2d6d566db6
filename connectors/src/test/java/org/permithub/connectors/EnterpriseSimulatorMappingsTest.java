package org.permithub.connectors;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every simulator's mappings load, and a sample request gets the realistic answer. */
class EnterpriseSimulatorMappingsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "erp|GET|/api/erp/v1/employees|统一社会信用代码",
        "erp|GET|/api/erp/v1/contractors|烟台恒安石化工程有限公司",
        "erp|GET|/api/erp/v1/cost-centres|成本中心编码",
        "mes|GET|/api/mes/v1/work-tickets/DEMO-LOTO-1/isolation-points|\"作业票号\":\"DEMO-LOTO-1\"",
        "mes|GET|/api/mes/v1/work-tickets/DH-1/isolation-points|作业票不存在",
        "mes|GET|/api/mes/v1/units/run-status|合成氨装置",
        "gov-platform|POST|/api/sync/data/sec_special_job_ticket_fire|\"code\":200"})
    void theSimulatorAnswers(String example) throws Exception {
        String[] parts = example.split("\\|");
        Path root = Path.of("src/main/resources/simulators", parts[0]);
        WireMockServer server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory(root.toString()));
        server.start();
        try {
            var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + parts[2])).header("X-App-Key", "k");
            request = parts[1].equals("POST") ? request.POST(HttpRequest.BodyPublishers.ofString("{\"datas\":\"[]\"}"))
                    : request.GET();
            var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).contains(parts[3]);
        } finally {
            server.stop();
        }
    }
}
