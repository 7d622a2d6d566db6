package org.permithub.api.problem;

import java.util.Locale;

/** Problem type URIs: one per stable code, documented in the OpenAPI files. */
public final class ProblemTypes {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemTypes() {}

    public static String uriFor(String code) {
        return "urn:permit-hub:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
