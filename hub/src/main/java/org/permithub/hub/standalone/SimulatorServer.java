package org.permithub.hub.standalone;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.FileSystemUtils;

/**
 * A WireMock server standing in for one external system (ERP, MES, door access, ...), serving the stubs
 * found on the classpath under {@code simulators/<name>/mappings} (bodies under {@code simulators/<name>/__files}).
 */
public final class SimulatorServer implements EmbeddedServer {

    static final String CLASSPATH_ROOT = "simulators";
    /** Bounded, so a long-running hub does not keep every request it ever sent in memory. */
    private static final int REQUEST_JOURNAL_ENTRIES = 1000;

    private final String system;
    private final WireMockServer server;
    private final Path filesDir;
    private final int stubCount;
    private final Duration startTime;

    private SimulatorServer(String system, WireMockServer server, Path filesDir, Duration startTime) {
        this.system = system;
        this.server = server;
        this.filesDir = filesDir;
        this.stubCount = server.getStubMappings().size();
        this.startTime = startTime;
    }

    /**
     * Starts the simulator of {@code system} on {@code port} (0: any free port). Its classpath stubs are first copied to
     * {@code filesDir} (regenerated at every start): WireMock's own classpath loading cannot read from the
     * nested jars of the Spring Boot fat jar, Spring's resource loading can.
     */
    public static SimulatorServer start(String system, Path filesDir, int port) throws IOException {
        long started = System.nanoTime();
        copyClasspathStubs(system, filesDir);
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .port(port) // 0: a free one
                .usingFilesUnderDirectory(filesDir.toString())
                .maxRequestJournalEntries(REQUEST_JOURNAL_ENTRIES)
                .notifier(new Slf4jNotifier(false)));
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop();
            throw new IOException("WireMock simulator " + system + " did not start", e);
        }
        return new SimulatorServer(system, server, filesDir, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void copyClasspathStubs(String system, Path filesDir) throws IOException {
        FileSystemUtils.deleteRecursively(filesDir);
        Files.createDirectories(filesDir.resolve("mappings"));
        Files.createDirectories(filesDir.resolve("__files"));
        String root = CLASSPATH_ROOT + "/" + system + "/";
        var resolver = new PathMatchingResourcePatternResolver(SimulatorServer.class.getClassLoader());
        for (String folder : new String[] {"mappings", "__files"}) {
            copy(resolver.getResources("classpath*:" + root + folder + "/**"), root, filesDir);
        }
    }

    private static void copy(Resource[] resources, String root, Path filesDir) throws IOException {
        for (Resource resource : resources) {
            if (!resource.isReadable() || resource.getFilename() == null || resource.getFilename().isEmpty()) {
                continue; // a directory
            }
            String url = resource.getURL().toString();
            String relative = url.substring(url.lastIndexOf(root) + root.length());
            Path target = filesDir.resolve(relative).normalize();
            if (!target.startsWith(filesDir)) {
                continue;
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = resource.getInputStream()) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    public String system() {
        return system;
    }

    public int port() {
        return server.port();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    /** The running WireMock server, e.g. to verify requests or add stubs in tests. */
    public WireMockServer wireMock() {
        return server;
    }

    @Override
    public String name() {
        return "sim " + system;
    }

    @Override
    public String address() {
        return baseUrl();
    }

    @Override
    public Path dataDir() {
        return filesDir;
    }

    @Override
    public Duration startTime() {
        return startTime;
    }

    @Override
    public String describe() {
        return EmbeddedServer.super.describe() + ", " + stubCount + " stubs";
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
    }
}
