package org.permithub.api.regulator;

import java.util.Optional;

/** Reads the live status of permits; the hub implements it over its permit store. */
public interface PermitStatusQuery {

    Optional<PermitStatus> findStatus(String permitNo);
}
