package org.permithub.hub.credential;

/** A worker's standing in the credential registry, as {@code credential.events} carries it. */
public enum CredentialStatus {
    /** Submitted; the certificate and insurance checks have not all answered yet (or a service is down). */
    PENDING,
    /** Every certificate authentic and valid, insured today, nothing falls due within the warning window. */
    VALID,
    /** Valid today, but a certificate, its review or the insurance cover falls due within the warning window. */
    EXPIRING,
    /** A certificate is fake, mismatched, revoked, expired or overdue for review, or the worker is not insured. */
    INVALID
}
