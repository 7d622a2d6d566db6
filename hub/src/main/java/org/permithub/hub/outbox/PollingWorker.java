package org.permithub.hub.outbox;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background thread that calls {@link #pollOnce()} until stopped: at once again while there is
 * more work, after the poll interval (or a {@link OutboxRelaySignal} wake-up) when idle, and with
 * exponential backoff up to 5 s after a failure. A failure never ends the loop.
 */
public abstract class PollingWorker implements SmartLifecycle {

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    protected final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final OutboxRelaySignal signal;
    private final Duration pollInterval;
    private final boolean wakeOnCommit;
    private volatile boolean running;
    private Thread thread;

    /** A worker the {@link OutboxRelaySignal} wakes after every commit (the outbox relays). */
    protected PollingWorker(String name, OutboxRelaySignal signal, Duration pollInterval) {
        this(name, signal, pollInterval, true);
    }

    /** @param wakeOnCommit false for work that only runs on its interval (schedulers) */
    protected PollingWorker(String name, OutboxRelaySignal signal, Duration pollInterval, boolean wakeOnCommit) {
        this.name = name;
        this.signal = signal;
        this.pollInterval = pollInterval;
        this.wakeOnCommit = wakeOnCommit;
    }

    /** Does one round of work; returns true when there is more to do right away. */
    protected abstract boolean pollOnce() throws Exception;

    /** Called on the worker thread before the first poll. */
    protected void open() {}

    /** Called once on stop, after the worker thread ended. */
    protected void close() {}

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        if (wakeOnCommit) {
            signal.register(thread);
        }
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            signal.unregister(thread);
            LockSupport.unpark(thread);
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Workers start after the web server and Camel, and stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(e.toString());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }

    private void loop() {
        open();
        Duration backoff = pollInterval;
        while (running) {
            try {
                boolean more = pollOnce();
                backoff = pollInterval;
                if (!more) {
                    LockSupport.parkNanos(pollInterval.toNanos());
                }
            } catch (Exception e) {
                log.warn("{} failed, retrying in {} ms: {}", name, backoff.toMillis(), causes(e));
                LockSupport.parkNanos(backoff.toNanos());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
