package org.permithub.hub.regulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.permithub.api.contract.ApiContract;
import org.permithub.api.contract.ContractValidator;
import org.permithub.api.contract.FieldError;
import org.permithub.hub.permit.HappyPath;
import org.permithub.hub.support.HubTestSupport;

/** Permits to query, and the regulator contract to check answers against. */
abstract class RegulatorTestSupport extends HubTestSupport {

    static final ContractValidator CONTRACT =
            ContractValidator.load(new ApiContract("regulator", "openapi/regulator.yaml", true));

    /** A Yantai enterprise of its own, so that counts over a time window see only this test's permits. */
    static String freshYantaiEnterprise() {
        String digits = String.format("%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
        return org.permithub.core.enterprise.CreditCode.withCheckCharacter("91370602MA" + digits);
    }

    /** A 二级 hot-work permit of the enterprise, applied, approved, gas-tested and started. */
    String activePermit(String enterpriseCode) {
        return activePermit(enterpriseCode, HappyPath.start());
    }

    /** The same, with the START action's data (e.g. evidence URIs). */
    String activePermit(String enterpriseCode, String startData) {
        String permitNo = newPermitNo();
        String token = enterpriseToken(enterpriseCode);
        assertThat(post("/api/v1/permits", token, hotWorkApplication(permitNo, enterpriseCode),
                java.util.UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
        assertThat(action(permitNo, token, "APPROVE", HappyPath.approval()).statusCode()).isEqualTo(200);
        assertThat(action(permitNo, token, "GAS_TEST", HappyPath.gasTest()).statusCode()).isEqualTo(200);
        var started = action(permitNo, token, "START", startData);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return permitNo;
    }

    /** An applied permit only. */
    String appliedPermit(String enterpriseCode) {
        String permitNo = newPermitNo();
        assertThat(post("/api/v1/permits", enterpriseToken(enterpriseCode), hotWorkApplication(permitNo, enterpriseCode),
                java.util.UUID.randomUUID().toString()).statusCode()).isEqualTo(201);
        return permitNo;
    }

    /** The answer keeps the contract: a documented status and a body its schema accepts. */
    static void assertKeepsContract(String method, String pathAndQuery, HttpResponse<String> response) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        List<FieldError> errors = CONTRACT.validateResponse(method, path, response.statusCode(), response.body());
        assertThat(errors).as("%s %s → %s %s", method, pathAndQuery, response.statusCode(), response.body()).isEmpty();
    }
}
