package org.permithub.hub.security;

/** OAuth2 scopes the hub's APIs require. */
public final class Scopes {

    /** Submit permit commands (intake API). */
    public static final String PERMITS_WRITE = "permits:write";
    /** Query the regulator API. */
    public static final String REGULATOR_READ = "regulator:read";
    /** Use the partner (contractor) API. */
    public static final String PARTNER_WRITE = "partner:write";
    /** Push events from the enterprise's systems (MES, ERP) to the connector events API. */
    public static final String CONNECTORS_WRITE = "connectors:write";
    /** Administer the hub. */
    public static final String ADMIN = "admin";

    private Scopes() {}
}
