package org.permithub.hub.routes;

/** One thing wrong with a route file, where an editor can jump to it (line and column from 1; 0 = whole file). */
public record RouteProblem(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
