package org.permithub.hub.standalone;

import java.util.List;

import org.springframework.boot.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.ConfigurableBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Registered in META-INF/spring.factories. Boot hands run listeners the raw program arguments (environment
 * post-processors do not get them), so this one passes them on for CLI detection; and it is told about a
 * failed start even when no application context exists yet, so the servers are stopped in every case.
 * (A context that started and is closed later stops them itself, see {@link StandaloneEnvironmentPostProcessor}.)
 */
public class StandaloneRunListener implements SpringApplicationRunListener, Ordered {

    private final List<String> args;
    private StandaloneSession session;

    public StandaloneRunListener(SpringApplication application, String[] args) {
        this.args = args == null ? List.of() : List.of(args);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void starting(ConfigurableBootstrapContext bootstrapContext) {
        session = new StandaloneSession(args);
        bootstrapContext.register(StandaloneSession.class, InstanceSupplier.of(session));
    }

    @Override
    public void failed(ConfigurableApplicationContext context, Throwable exception) {
        // an active context is closed right after this call and stops the servers as its last bean, after
        // the beans that use them; any other context (none, never refreshed, refresh failed) will not
        if (session != null && (context == null || !context.isActive())) {
            session.closeServers();
        }
    }
}
