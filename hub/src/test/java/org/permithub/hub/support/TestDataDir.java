package org.permithub.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/** Test data folders start empty once per test JVM, so runs never see each other's data. */
public final class TestDataDir {

    private static final Set<String> WIPED = new HashSet<>();

    private TestDataDir() {}

    public static synchronized void wipeOnce(String dir) {
        if (WIPED.add(dir)) {
            delete(Path.of(dir));
        }
    }

    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
