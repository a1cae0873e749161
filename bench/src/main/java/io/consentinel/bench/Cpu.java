package io.consentinel.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** CPU per event in one measured window. */
record Cpu(
        double serviceMicros,
        double serviceSystemMicros,
        double postgresMicros,
        String postgresByDatabase,
        double clientMicros,
        double othersShare,
        String serviceThreads,
        String wal) {
    static Cpu between(CpuMeter.Snapshot a, CpuMeter.Snapshot b, long events) {
        long pg = 0;
        Map<String, Long> byDatabase = new java.util.TreeMap<>();
        for (Map.Entry<Long, Long> e : b.backendTicks().entrySet()) {
            long used = e.getValue() - a.backendTicks().getOrDefault(e.getKey(), 0L);
            pg += used;
            byDatabase.merge(CpuMeter.databaseOf.getOrDefault(e.getKey(), "?"), used, Long::sum);
        }
        long service = b.serviceTicks() - a.serviceTicks();
        long client = b.clientTicks() - a.clientTicks();
        long busy = b.machineBusy() - a.machineBusy();
        long total = Math.max(1, b.machineTotal() - a.machineTotal());
        double perEvent = CpuMeter.TICK_MICROS / Math.max(1, events);
        Map<String, Long> threads = new LinkedHashMap<>();
        b.serviceThreads()
                .forEach((name, t) -> threads.put(name, t - a.serviceThreads().getOrDefault(name, 0L)));
        StringBuilder top = new StringBuilder();
        threads.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(6)
                .filter(e -> e.getValue() > 0)
                .forEach(e -> top.append(top.isEmpty() ? "" : ", ")
                        .append(e.getKey())
                        .append(' ')
                        .append(String.format("%.0f%%", 100.0 * e.getValue() / Math.max(1, service))));
        StringBuilder databases = new StringBuilder();
        byDatabase.forEach((db, used) -> databases
                .append(databases.isEmpty() ? "" : ", ")
                .append(db)
                .append(' ')
                .append(String.format("%.0f us", used * perEvent)));
        return new Cpu(
                service * perEvent,
                (b.serviceSystemTicks() - a.serviceSystemTicks()) * perEvent,
                pg * perEvent,
                databases.toString(),
                client * perEvent,
                Math.max(0, busy - service - client - pg) / (double) total,
                top.toString(),
                wal(a.wal(), b.wal(), events));
    }

    /** The server's WAL per event in the window, and the checkpoints that fell into it. */
    private static String wal(CpuMeter.Wal a, CpuMeter.Wal b, long events) {
        if (a == null || b == null) {
            return "";
        }
        long n = Math.max(1, events);
        long checkpoints = b.checkpoints() - a.checkpoints();
        return String.format(
                "WAL per event (whole server): %,.0f bytes, %.2f full-page images; %d checkpoint%s in the window",
                (b.bytes() - a.bytes()) / (double) n,
                (b.fullPages() - a.fullPages()) / (double) n,
                checkpoints,
                checkpoints == 1 ? "" : "s");
    }

    double totalMicros() {
        return serviceMicros + postgresMicros + clientMicros;
    }

    @Override
    public String toString() {
        return String.format(
                "CPU per event: service %.0f us (%.0f in the kernel), PostgreSQL %.0f us (%s), load generator"
                        + " %.0f us (total %.0f us); other processes used %.0f%% of the machine%s%s",
                serviceMicros,
                serviceSystemMicros,
                postgresMicros,
                postgresByDatabase,
                clientMicros,
                totalMicros(),
                othersShare * 100,
                serviceThreads.isEmpty() ? "" : "\n      service threads: " + serviceThreads,
                wal.isEmpty() ? "" : "\n      " + wal);
    }
}
