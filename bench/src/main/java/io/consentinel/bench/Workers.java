package io.consentinel.bench;

import java.util.ArrayList;
import java.util.List;

/** Runs the same body on n platform threads and waits; the first failure fails the phase. */
final class Workers {
    interface Body {
        void run() throws Exception;
    }

    static void run(int n, String name, Body body) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            Thread.Builder kind = Boolean.parseBoolean(System.getProperty("bench.virtualClients", "true"))
                    ? Thread.ofVirtual()
                    : Thread.ofPlatform();
            threads.add(kind.name(name + "-" + i).start(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            IllegalStateException e =
                    new IllegalStateException(name + " failed: " + failures.getFirst(), failures.getFirst());
            throw e;
        }
    }
}
