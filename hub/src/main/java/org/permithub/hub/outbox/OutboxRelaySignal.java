package org.permithub.hub.outbox;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.springframework.stereotype.Component;

/**
 * Wakes the relays right after a commit, so an event leaves within milliseconds instead of
 * waiting for the next poll. Polling stays as the safety net (other instances, missed wakes).
 */
@Component
public class OutboxRelaySignal {

    private final CopyOnWriteArrayList<Thread> relayThreads = new CopyOnWriteArrayList<>();

    void register(Thread relayThread) {
        relayThreads.add(relayThread);
    }

    void unregister(Thread relayThread) {
        relayThreads.remove(relayThread);
    }

    public void wake() {
        relayThreads.forEach(LockSupport::unpark);
    }
}
