package org.permithub.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContractValidatorTest {

    private final ContractValidator regulator = ContractValidator.load(new ApiContract("regulator", "openapi/regulator.yaml", true));

    @Test
    void basePathAndOperationsComeFromTheFile() {
        assertThat(regulator.basePath()).isEqualTo("/regulator/v1");
        assertThat(regulator.match("GET", "/regulator/v1/permits/DH-1/detail")).get()
                .extracting(ContractValidator.Operation::operationId).isEqualTo("getPermitDetail");
        assertThat(regulator.match("GET", "/regulator/v1/permits")).get()
                .extracting(ContractValidator.Operation::operationId).isEqualTo("searchPermits");
        assertThat(regulator.match("DELETE", "/regulator/v1/permits")).isEmpty();
    }

    @Test
    void aValidSearchPasses() {
        assertThat(regulator.validateRequest("GET", "/regulator/v1/permits",
                Map.of("workType", List.of("HOT_WORK"), "limit", List.of("20"), "from", List.of("2026-01-01T00:00:00Z")),
                h -> null, null)).isEmpty();
    }

    @Test
    void invalidParametersAreNamed() {
        List<FieldError> errors = regulator.validateRequest("GET", "/regulator/v1/permits",
                Map.of("workType", List.of("SWIMMING"), "limit", List.of("many"), "from", List.of("yesterday"),
                        "colour", List.of("red")),
                h -> null, null);
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("workType", "limit", "from", "colour");
        assertThat(regulator.validateRequest("GET", "/regulator/v1/permits", Map.of("limit", List.of("0")), h -> null, null))
                .extracting(FieldError::field).containsExactly("limit");
    }

    @Test
    void bodiesAreCheckedFieldByField() {
        List<FieldError> errors = regulator.validateRequest("POST", "/regulator/v1/inspections", Map.of(), h -> null,
                "{\"target\":\"PEOPLE\",\"sampleSize\":5,\"from\":\"2026-01-01T00:00:00Z\"}");
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("body.target", "body.to");
        assertThat(regulator.validateRequest("POST", "/regulator/v1/inspections", Map.of(), h -> null, null))
                .extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void responsesAreCheckedAgainstTheirStatus() {
        String page = "{\"items\":[{\"permitNo\":\"DH-1\",\"enterpriseCode\":\"X\",\"siteId\":\"s\",\"workType\":\"HOT_WORK\","
                + "\"grade\":null,\"state\":\"ACTIVE\",\"appliedAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}]}";
        assertThat(regulator.validateResponse("GET", "/regulator/v1/permits", 200, page)).isEmpty();
        assertThat(regulator.validateResponse("GET", "/regulator/v1/permits", 200, page.replace("ACTIVE", "RUNNING")))
                .extracting(FieldError::field).containsExactly("body.items[0].state");
        assertThat(regulator.validateResponse("GET", "/regulator/v1/permits", 418, "{}")).hasSize(1);
    }
}
