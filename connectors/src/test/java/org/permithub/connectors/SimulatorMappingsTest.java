package org.permithub.connectors;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.permithub.connectors.certificate.CertificateAnswer;
import org.permithub.connectors.certificate.CertificateVerificationApi;
import org.permithub.connectors.contractor.ContractorWorkerFormats;
import org.permithub.connectors.insurance.InsuranceAnswer;
import org.permithub.connectors.insurance.SocialInsuranceApi;

/** The simulator mappings the standalone mode loads answer as the connectors expect to read them. */
class SimulatorMappingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private WireMockServer server;

    private String start(String system) throws Exception {
        Path root = Path.of(getClass().getResource("/simulators/" + system + "/mappings").toURI()).getParent();
        server = new WireMockServer(options().dynamicPort().usingFilesUnderDirectory(root.toString()));
        server.start();
        return server.baseUrl();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static HttpAnswer post(String url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new HttpAnswer(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), r.body());
    }

    @Test
    void certificate_simulator_answers_found_not_found_revoked_and_rate_limited() throws Exception {
        String base = start("certificate");
        var api = new CertificateVerificationApi(JSON);
        String valid = IdNumbers.withCheckCharacter("37060219880312001");
        String fake = IdNumbers.withCheckCharacter("37060219900101999");
        String revoked = IdNumbers.withCheckCharacter("37060219900101998");
        String limited = IdNumbers.withCheckCharacter("37060219900101990");
        String url = base + CertificateVerificationApi.PATH;

        CertificateAnswer found = api.read("T" + valid, post(url, api.request("T" + valid, "王建国", "电工作业")));
        assertThat(found.found()).isTrue();
        assertThat(found.number()).isEqualTo("T" + valid);
        assertThat(found.holderName()).isEqualTo("王建国");
        assertThat(found.category()).isEqualTo("电工作业");
        assertThat(found.validUntil()).isAfter(LocalDate.now());
        assertThat(found.revoked()).isFalse();

        assertThat(api.read("T" + fake, post(url, api.request("T" + fake, "赵志强", null))).found()).isFalse();
        assertThat(api.read("T" + revoked, post(url, api.request("T" + revoked, "x", null))).revoked()).isTrue();
        assertThatThrownBy(() -> api.read("T" + limited, post(url, api.request("T" + limited, "x", null))))
                .isInstanceOfSatisfying(ConnectorUnavailableException.class,
                        e -> assertThat(e.retryAfter()).contains(java.time.Duration.ofSeconds(2)));
    }

    @Test
    void insurance_simulator_answers_insured_not_insured_and_ended() throws Exception {
        String base = start("social-insurance");
        var api = new SocialInsuranceApi(JSON);
        String url = base + SocialInsuranceApi.PATH;

        InsuranceAnswer insured = api.read(post(url, api.request(IdNumbers.withCheckCharacter("37060219880312001"), "王建国")));
        assertThat(insured.insured()).isTrue();
        assertThat(insured.coveredFrom()).isBefore(LocalDate.now());
        assertThat(insured.coveredUntil()).isNull();

        assertThat(api.read(post(url, api.request(IdNumbers.withCheckCharacter("37060219900101996"), "x"))).insured()).isFalse();
        InsuranceAnswer ended = api.read(post(url, api.request(IdNumbers.withCheckCharacter("37060219900101995"), "x")));
        assertThat(ended.insured()).isFalse();
        assertThat(ended.coveredUntil()).isBefore(LocalDate.now());
    }

    @Test
    void malformed_bodies_and_server_errors_are_unavailability_not_answers() {
        var api = new CertificateVerificationApi(JSON);
        assertThatThrownBy(() -> api.read("T1", new HttpAnswer(200, null, "{not json")))
                .isInstanceOf(ConnectorUnavailableException.class);
        assertThatThrownBy(() -> api.read("T1", new HttpAnswer(500, null, "oops")))
                .isInstanceOf(ConnectorUnavailableException.class);
        assertThatThrownBy(() -> new SocialInsuranceApi(JSON).read(new HttpAnswer(200, null, "{\"code\":\"9999\"}")))
                .isInstanceOf(ConnectorUnavailableException.class);
    }

    @Test
    void contractor_worker_list_becomes_submissions() throws Exception {
        String base = start("contractor");
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/workers"))
                .header("Authorization", "Bearer k").build(), HttpResponse.BodyHandlers.ofString());
        var submissions = new ContractorWorkerFormats(JSON).fromRest("C-LUAN-001", list.body());

        assertThat(submissions).hasSize(3);
        var first = JSON.readTree(submissions.get(0));
        assertThat(first.get("workerId").asText()).isEqualTo("c1-w-001");
        assertThat(first.get("contractorId").asText()).isEqualTo("C-LUAN-001");
        assertThat(first.at("/certificates/0/category").asText()).isEqualTo("焊接与热切割作业");
        assertThat(first.at("/certificates/0/reviewDueOn").asText()).isEqualTo("2028-04-17");
    }

    @Test
    void csv_rows_are_grouped_per_worker() throws Exception {
        String csv = "\uFEFF工号,姓名,身份证号,证书编号,作业类别,准操项目,初领日期,有效期至,应复审日期,参保单位\n"
                + "w-1,张三,370602198803120010,T370602198803120010,焊接与热切割作业,熔化焊接与热切割作业,2022-04-18,2028-04-17,2025-04-17,鲁安\n"
                + "w-1,张三,370602198803120010,T370602198803120010-2,电工作业,低压电工作业,2023-01-01,2029-01-01,2026-01-01,鲁安\n"
                + "w-2,李四,370602199107050025,,,,,,,鲁安\n";
        var submissions = new ContractorWorkerFormats(JSON).fromCsv("C-1", csv);

        assertThat(submissions).hasSize(2);
        assertThat(JSON.readTree(submissions.get(0)).get("certificates")).hasSize(2);
        assertThat(JSON.readTree(submissions.get(1)).get("certificates")).isEmpty();
        assertThat(JSON.readTree(submissions.get(1)).at("/insurance/employer").asText()).isEqualTo("鲁安");
    }

    @Test
    void id_numbers_are_checked_and_masked() {
        String id = IdNumbers.withCheckCharacter("37060219880312001");
        assertThat(IdNumbers.valid(id)).isTrue();
        assertThat(IdNumbers.valid("370602198803120011")).isFalse();
        assertThat(IdNumbers.mask(id)).isEqualTo("370***********0010");
        assertThat(IdNumbers.mask("T" + id)).isEqualTo("T370***********0010");
    }
}
