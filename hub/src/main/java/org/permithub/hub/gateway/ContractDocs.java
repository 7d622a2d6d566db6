package org.permithub.hub.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.permithub.api.contract.ContractValidator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Each contract at {@code <base path>/openapi.yaml}, and Swagger UI at {@code /docs} listing them
 * all. Swagger UI comes from the {@code org.webjars:swagger-ui} jar inside the hub (no CDN).
 */
@RestController
class ContractDocs {

    private static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

    private final List<ContractValidator> contracts;
    private final String swaggerUiVersion;

    ContractDocs(List<ContractValidator> contractValidators) {
        this.contracts = contractValidators;
        this.swaggerUiVersion = webjarVersion();
    }

    @GetMapping("/{api}/{version}/openapi.yaml")
    ResponseEntity<String> spec(@PathVariable String api, @PathVariable String version) {
        String base = "/" + api + "/" + version;
        return contracts.stream().filter(c -> c.basePath().equals(base)).findFirst()
                .map(c -> ResponseEntity.ok().contentType(YAML).body(c.specText()))
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping(value = {"/docs", "/docs/"}, produces = MediaType.TEXT_HTML_VALUE)
    String docs() {
        String root = "/webjars/swagger-ui/" + swaggerUiVersion;
        String urls = contracts.stream()
                .map(c -> "{url:'" + c.basePath() + "/openapi.yaml',name:'" + HtmlUtils.htmlEscape(c.contract().name()) + "'}")
                .collect(Collectors.joining(","));
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>permit-hub APIs</title>
                <link rel="stylesheet" href="%1$s/swagger-ui.css"></head>
                <body><div id="swagger-ui"></div>
                <script src="%1$s/swagger-ui-bundle.js"></script>
                <script src="%1$s/swagger-ui-standalone-preset.js"></script>
                <script>
                window.ui = SwaggerUIBundle({urls: [%2$s], dom_id: '#swagger-ui',
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout'});
                </script></body></html>
                """.formatted(root, urls);
    }

    /** The version folder of the Swagger UI webjar, from the jar's own Maven metadata. */
    private static String webjarVersion() {
        try (InputStream in = ContractDocs.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
