package org.permithub.hub.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.permithub.hub.support.HubTestSupport;
import org.springframework.beans.factory.annotation.Value;

/** Contractor systems' worker lists: REST pull (contractor simulator) and a CSV file dropped in a folder. */
class ContractorFeedsTest extends HubTestSupport {

    @Value("${permit-hub.credentials.contractor-drop-dir}")
    Path dropDir;

    private JsonNode worker(String contractor, String workerId) {
        var r = get("/partner/v1/workers/" + workerId, contractorToken(contractor));
        return r.statusCode() == 200 ? json(r) : null;
    }

    @Test
    void the_rest_pull_brings_the_contractors_workers_into_the_registry_and_checks_them() {
        // the simulator's list: two genuine workers and one with a certificate the authority does not know
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(worker("C-LUAN-001", "c1-w-001")).isNotNull();
            JsonNode first = worker("C-LUAN-001", "c1-w-001");
            JsonNode second = worker("C-LUAN-001", "c1-w-002");
            assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("VALID");
            assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("VALID");
            assertThat(worker("C-LUAN-001", "c1-w-003").get("status").asText()).isEqualTo("INVALID");
        });
        assertThat(worker("C-LUAN-001", "c1-w-003").get("reasons").toString()).contains("CERTIFICATE_NOT_FOUND");
    }

    @Test
    void a_dropped_csv_file_is_read_per_contractor_folder_and_moved_away() throws Exception {
        String contractor = "C-CSV-" + CredentialFixtures.workerId().substring(3);
        String good = CredentialFixtures.idNumber(CredentialFixtures.VALID);
        String fake = CredentialFixtures.idNumber(CredentialFixtures.FAKE_CERTIFICATE);
        String csv = "工号,姓名,身份证号,证书编号,作业类别,准操项目,初领日期,有效期至,应复审日期,参保单位\n"
                + contractor + "-1,张伟," + good + ",T" + good + ",焊接与热切割作业,熔化焊接与热切割作业,2022-04-18,2028-04-17,2025-04-17,鲁安\n"
                + contractor + "-2,刘洋," + fake + ",T" + fake + ",焊接与热切割作业,熔化焊接与热切割作业,2022-04-18,2028-04-17,2025-04-17,鲁安\n"
                + contractor + "-3,坏行,123,,,,,,,\n";
        Path folder = dropDir.resolve(contractor);
        Files.createDirectories(folder);
        Path tmp = folder.resolve("workers.csv.part");
        Files.writeString(tmp, csv, StandardCharsets.UTF_8);
        Files.move(tmp, folder.resolve("workers.csv"));

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(worker(contractor, contractor + "-1")).isNotNull();
            assertThat(worker(contractor, contractor + "-1").get("status").asText()).isEqualTo("VALID");
            assertThat(worker(contractor, contractor + "-2").get("status").asText()).isEqualTo("INVALID");
        });
        assertThat(worker(contractor, contractor + "-3")).as("a refused row is skipped").isNull();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(folder.resolve("workers.csv")));
        assertThat(Files.list(dropDir.resolve(".done").resolve(contractor)).count()).isEqualTo(1);
    }
}
