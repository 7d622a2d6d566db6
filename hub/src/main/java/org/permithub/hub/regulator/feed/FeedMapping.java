package org.permithub.hub.regulator.feed;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Puts the feed handler ahead of Camel's platform-http mapping (order -1), which would otherwise
 * take {@code /regulator/v1/feed} for the contract's {@code streamFeed} operation.
 */
@Configuration
class FeedMapping {

    static final String PATH = "/regulator/v1/feed";

    @Bean
    SimpleUrlHandlerMapping regulatorFeedMapping(RegulatorFeed feed) {
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(PATH, feed));
        mapping.setOrder(-2);
        return mapping;
    }
}
