package org.permithub.hub.credential;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.permithub.connectors.contractor.ContractorWorkerFormats;
import org.springframework.stereotype.Component;

/**
 * Used by {@code routes/contractor-feeds.camel.yaml}: a contractor's worker list (pulled over REST
 * by the {@code contractor-source} Kamelet, or a CSV file dropped in
 * {@code <contractor-drop-dir>/<contractorId>/}) becomes worker submissions for
 * {@code direct:credential-intake}.
 */
@Component("contractorFeeds")
public class ContractorFeeds {

    private final ContractorWorkerFormats formats;

    ContractorFeeds(ObjectMapper mapper) {
        this.formats = new ContractorWorkerFormats(mapper);
    }

    /** REST pull: the contractor comes from the Kamelet's {@code PermitHubContractorId} header. */
    public List<String> fromRest(Exchange exchange) throws IOException {
        return formats.fromRest(exchange.getIn().getHeader("PermitHubContractorId", String.class),
                exchange.getIn().getBody(String.class));
    }

    /** CSV drop: the contractor is the name of the folder the file was dropped in. */
    public List<String> fromCsvFile(Exchange exchange) throws IOException {
        String parent = exchange.getIn().getHeader(Exchange.FILE_PARENT, String.class);
        String contractorId = Path.of(parent).getFileName().toString();
        return formats.fromCsv(contractorId, exchange.getIn().getBody(String.class));
    }
}
