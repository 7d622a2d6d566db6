package org.permithub.hub.standalone;

/** A standalone server did not start; the servers that did were stopped again. */
public class StandaloneStartException extends RuntimeException {

    public StandaloneStartException(String message) {
        super(message);
    }

    public StandaloneStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
