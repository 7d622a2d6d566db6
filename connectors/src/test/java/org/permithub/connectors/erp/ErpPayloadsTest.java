package org.permithub.connectors.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ErpPayloadsTest {

    final ErpPayloads payloads = new ErpPayloads(new ObjectMapper());

    @Test
    void employeesKeepOnlyAMaskedAndHashedIdCard() {
        var batch = payloads.rows(ErpRecord.Kind.EMPLOYEE, """
                {"code":"0","data":{"rows":[
                  {"员工编号":"E1","姓名":"张伟","身份证号":"370602198203151237","部门":"三车间","所属单位统一社会信用代码":"91370600MA3D2K7Q17"},
                  {"员工编号":"E2","姓名":"李强","所属单位统一社会信用代码":"91370600MA3D2K7Q10"},
                  {"姓名":"无编号"}]}}""");
        assertThat(batch.records()).hasSize(1);
        var fields = batch.records().get(0).fields();
        assertThat(fields.get("idCardMasked").asText()).isEqualTo("370602********1237");
        assertThat(fields.get("idCardSha256").asText()).hasSize(64);
        assertThat(fields.toString()).doesNotContain("198203151237");
        assertThat(fields.get("contractorCode").asText()).isEqualTo("91370600MA3D2K7Q17");
        assertThat(batch.refused()).hasSize(2).anySatisfy(r -> assertThat(r).contains("invalid 统一社会信用代码"));
    }

    @Test
    void aMalformedAnswerIsAFailure() {
        assertThatThrownBy(() -> payloads.rows(ErpRecord.Kind.CONTRACTOR, "{\"code\":\"0\",\"data\":"))
                .isInstanceOf(ErpPayloads.MalformedErpReply.class);
        assertThatThrownBy(() -> payloads.rows(ErpRecord.Kind.CONTRACTOR, "{\"code\":\"500\",\"msg\":\"系统繁忙\"}"))
                .isInstanceOf(ErpPayloads.MalformedErpReply.class);
    }
}
