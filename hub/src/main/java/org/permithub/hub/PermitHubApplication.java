package org.permithub.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The hub's entry point: a command-line tool first, the server when no sub-command is given. */
@SpringBootApplication
public class PermitHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(PermitHubApplication.class, args);
    }
}
