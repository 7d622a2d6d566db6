package org.permithub.hub.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies each distinct bearer token once. A client sends the same token with every request until
 * it expires; parsing it and checking its RS256 signature were 13 % of the CPU samples of a
 * regulator live-status query. A token seen before (same text, so same signature) gets the stored
 * {@link Jwt}, whose expiry, not-before and issuer are checked again on every use. Entries are
 * kept at most {@code keep} (a key withdrawn from a JWKS stops being honoured after that) and
 * are found by the SHA-256 of the token, so lookups compare digests, never token text.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<ByteBuffer, Jwt> verified;

    /**
     * @param verifier checks signature and claims (the validator among them) of a token not seen before
     * @param validator the claim checks repeated for a token seen before
     */
    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, int maxTokens, Duration keep) {
        this.verifier = verifier;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(maxTokens).expireAfterWrite(keep).build();
    }

    @Override
    public Jwt decode(String token) {
        ByteBuffer key = ByteBuffer.wrap(sha256(token));
        Jwt known = verified.getIfPresent(key);
        if (known == null) {
            Jwt jwt = verifier.decode(token); // throws for a bad signature or claims: nothing is kept
            verified.put(key, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.invalidate(key);
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(), result.getErrors());
        }
        return known;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
