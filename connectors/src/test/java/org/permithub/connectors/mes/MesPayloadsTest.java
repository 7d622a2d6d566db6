package org.permithub.connectors.mes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MesPayloadsTest {

    final MesPayloads payloads = new MesPayloads(new ObjectMapper(), ZoneId.of("Asia/Shanghai"));

    @Test
    void readsMesPointsWithTheirEvidence() {
        var points = payloads.isolationPoints("DH-1", """
                {"code":0,"data":{"作业票号":"DH-1","隔离点":[
                  {"隔离点编号":"IP-1","状态":"已确认","版本":3,"更新时间":"2026-11-29 08:40:00","上锁人":"张伟",
                   "锁具编号":"LK-1","验证人":"李强","照片":["a.jpg"]},
                  {"隔离点编号":"IP-2","状态":"已上锁","版本":2,"更新时间":"2026-11-29 08:35:00"}]}}""");
        assertThat(points).hasSize(2);
        var verified = points.get(0);
        assertThat(verified.status()).isEqualTo(IsolationStatus.VERIFIED);
        assertThat(verified.reportedAt()).isEqualTo(Instant.parse("2026-11-29T00:40:00Z"));
        assertThat(verified.evidence().get("verifiedBy").asText()).isEqualTo("李强");
        assertThat(verified.missingEvidence()).isNull();
        assertThat(points.get(1).missingEvidence()).contains("lockedBy and lockNo");
    }

    @Test
    void pointsOnlyMoveForward() {
        assertThat(IsolationStatus.VERIFIED.mayFollow(IsolationStatus.LOCKED)).isTrue();
        assertThat(IsolationStatus.LOCKED.mayFollow(IsolationStatus.VERIFIED)).isFalse();
        assertThat(IsolationStatus.fromMes("已解除")).contains(IsolationStatus.REMOVED);
        assertThat(IsolationStatus.fromMes("半隔离")).isEmpty();
    }

    @Test
    void aMalformedAnswerIsAFailureNotAnEmptyList() {
        assertThatThrownBy(() -> payloads.isolationPoints("DH-1", "<html>502</html>"))
                .isInstanceOf(MesPayloads.MalformedMesReply.class);
        assertThatThrownBy(() -> payloads.isolationPoints("DH-1", "{\"code\":0,\"data\":{}}"))
                .isInstanceOf(MesPayloads.MalformedMesReply.class);
        assertThatThrownBy(() -> payloads.isolationPoints("DH-1", """
                {"code":0,"data":{"隔离点":[{"隔离点编号":"IP-1","状态":"???","版本":1,"更新时间":"2026-11-29 08:40:00"}]}}"""))
                .hasMessageContaining("状态");
    }
}
