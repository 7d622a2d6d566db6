package org.permithub.api.regulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.permithub.api.problem.ApiProblem;

/**
 * The keyset position (appliedAt, permitNo) of a search page's last permit, handed out as an
 * opaque base64url token. appliedAt never changes, so pages stay stable while permits are written.
 */
public record PageCursor(Instant appliedAt, String permitNo) {

    public String encode() {
        String plain = appliedAt.getEpochSecond() + "." + appliedAt.getNano() + "|" + permitNo;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String token) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            String[] time = plain.substring(0, bar).split("\\.");
            return new PageCursor(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
                    plain.substring(bar + 1));
        } catch (RuntimeException e) {
            throw ApiProblem.invalidField("cursor", "is not a cursor this API handed out");
        }
    }
}
