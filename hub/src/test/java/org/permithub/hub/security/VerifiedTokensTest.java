package org.permithub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.permithub.core.access.Role;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class VerifiedTokensTest {

    private static final String ISSUER = "https://hub.test";

    private final KeyPair keys = keys();
    private final TokenIssuer issuer = new TokenIssuer(keys, ISSUER);
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedTokens tokens = tokens();

    @Test
    void aTokenIsVerifiedOnceAndItsClaimsOnEveryUse() {
        String token = issuer.issue(TokenIssuer.Grant.of(Role.REGULATOR, "supervisor-370600").jurisdiction("370600"));

        Jwt first = tokens.decode(token);
        Jwt second = tokens.decode(token);

        assertThat(verifications).hasValue(1);
        assertThat(second.getSubject()).isEqualTo("supervisor-370600");
        assertThat(second.getClaimAsString(Claims.JURISDICTION)).isEqualTo("370600");
        assertThat(second).isSameAs(first);
    }

    @Test
    void aKnownTokenIsRefusedOnceItHasExpired() {
        String token = issuer.issue(TokenIssuer.Grant.of(Role.REGULATOR, "s").ttl(Duration.ofMinutes(10)), now.get());
        tokens.decode(token);

        now.set(now.get().plus(Duration.ofMinutes(12))); // past expiry and the 60 s clock skew

        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        // and stays refused, through the full check again
        assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTamperedTokenIsNeverTakenForTheOneItWasMadeFrom() {
        String token = issuer.issue(TokenIssuer.Grant.of(Role.REGULATOR, "supervisor-370600").jurisdiction("370600"));
        tokens.decode(token);
        String[] parts = token.split("\\.");
        String otherClaims = issuer.issue(TokenIssuer.Grant.of(Role.ADMIN, "someone")).split("\\.")[1];

        assertThatThrownBy(() -> tokens.decode(parts[0] + "." + otherClaims + "." + parts[2]))
                .isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenOfAnotherKeyIsRefused() {
        String foreign = new TokenIssuer(keys(), ISSUER).issue(TokenIssuer.Grant.of(Role.ADMIN, "intruder"));

        assertThatThrownBy(() -> tokens.decode(foreign)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode(foreign)).isInstanceOf(JwtException.class);
        assertThat(verifications).as("a refused token is not kept").hasValue(2);
    }

    private VerifiedTokens tokens() {
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        });
        OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        nimbus.setJwtValidator(claims);
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        return new VerifiedTokens(counting, claims, 100, Duration.ofMinutes(5));
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
