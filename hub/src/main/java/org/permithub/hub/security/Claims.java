package org.permithub.hub.security;

/** The JWT claims the hub reads besides the registered ones. */
public final class Claims {

    /** Array of role names (regulator, enterprise, contractor, admin). */
    public static final String ROLES = "roles";
    /** Space-separated scopes (RFC 8693 / RFC 9068 style). */
    public static final String SCOPE = "scope";
    /** Regulators: administrative-division code prefix, e.g. 3706 or 370600. */
    public static final String JURISDICTION = "jurisdiction";
    /** Enterprises: their 统一社会信用代码. */
    public static final String ENTERPRISE = "enterprise";
    /** Contractors: their id. */
    public static final String CONTRACTOR = "contractor";

    private Claims() {}
}
