package org.permithub.hub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.permithub.core.access.Role;

/** Issues RS256 tokens as the standalone hub's own issuer (CLI {@code token}, tests). */
public final class TokenIssuer {

    /** The scopes a role gets by default. */
    public static final Map<Role, List<String>> DEFAULT_SCOPES = Map.of(
            Role.REGULATOR, List.of(Scopes.REGULATOR_READ),
            Role.ENTERPRISE, List.of(Scopes.PERMITS_WRITE),
            Role.CONTRACTOR, List.of(Scopes.PARTNER_WRITE),
            Role.ADMIN, List.of(Scopes.PERMITS_WRITE, Scopes.REGULATOR_READ, Scopes.PARTNER_WRITE, Scopes.ADMIN));

    private final KeyPair keys;
    private final String issuer;
    private final String keyId;

    public TokenIssuer(KeyPair keys, String issuer) {
        this.keys = keys;
        this.issuer = issuer;
        this.keyId = org.permithub.ledger.hash.ActionHash.sha256Hex(keys.getPublic().getEncoded()).substring(0, 16);
    }

    /** What a token says about its holder. */
    public record Grant(String subject, Role role, List<String> scopes, String jurisdiction, String enterprise,
            String contractor, Duration ttl) {

        public static Grant of(Role role, String subject) {
            return new Grant(subject, role, DEFAULT_SCOPES.get(role), null, null, null, Duration.ofHours(12));
        }

        public Grant jurisdiction(String code) {
            return new Grant(subject, role, scopes, code, enterprise, contractor, ttl);
        }

        public Grant enterprise(String code) {
            return new Grant(subject, role, scopes, jurisdiction, code, contractor, ttl);
        }

        public Grant contractor(String id) {
            return new Grant(subject, role, scopes, jurisdiction, enterprise, id, ttl);
        }

        public Grant scopes(List<String> newScopes) {
            return new Grant(subject, role, newScopes, jurisdiction, enterprise, contractor, ttl);
        }

        public Grant ttl(Duration newTtl) {
            return new Grant(subject, role, scopes, jurisdiction, enterprise, contractor, newTtl);
        }
    }

    public String issue(Grant grant) {
        return issue(grant, Instant.now());
    }

    public String issue(Grant grant, Instant issuedAt) {
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(grant.subject())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(grant.ttl())))
                .claim(Claims.ROLES, List.of(grant.role().claimValue()))
                .claim(Claims.SCOPE, String.join(" ", grant.scopes()));
        if (grant.jurisdiction() != null) {
            claims.claim(Claims.JURISDICTION, grant.jurisdiction());
        }
        if (grant.enterprise() != null) {
            claims.claim(Claims.ENTERPRISE, grant.enterprise());
        }
        if (grant.contractor() != null) {
            claims.claim(Claims.CONTRACTOR, grant.contractor());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims.build());
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }
}
