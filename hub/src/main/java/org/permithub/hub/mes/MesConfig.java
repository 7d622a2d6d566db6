package org.permithub.hub.mes;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneId;
import org.permithub.connectors.mes.MesPayloads;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class MesConfig {

    @Bean
    MesPayloads mesPayloads(ObjectMapper mapper, @Value("${permit-hub.connectors.mes.zone:Asia/Shanghai}") ZoneId zone) {
        return new MesPayloads(mapper, zone);
    }
}
