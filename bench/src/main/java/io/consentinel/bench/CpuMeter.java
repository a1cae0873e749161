package io.consentinel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * CPU time from /proc over a measured window: the service process, this load generator, and the
 * PostgreSQL backends serving this run's databases; the rest of the machine's busy time is other work
 * (other test runs on a shared machine). Per event, this does not depend on how busy the machine was.
 */
final class CpuMeter {
    static final double TICK_MICROS = 10_000; // USER_HZ is 100 on Linux

    record Snapshot(
            long serviceTicks,
            long serviceSystemTicks,
            long clientTicks,
            Map<Long, Long> backendTicks,
            long machineBusy,
            long machineTotal,
            Map<String, Long> serviceThreads,
            Wal wal) {}

    /**
     * The whole server's WAL so far: bytes, full-page images and checkpoints, or null where the server does not
     * say (before PostgreSQL 14). A checkpoint makes the next change to every page write the whole page to the
     * WAL, so how many fell into a window is one reason why PostgreSQL's share differs from one run to the next.
     */
    record Wal(long bytes, long fullPages, long checkpoints) {}

    private final Connection monitor;
    private final String prefix;
    private volatile Long servicePid;
    /** Which of this run's databases (control, in, eu, raw) each backend serves. */
    static final Map<Long, String> databaseOf = new ConcurrentHashMap<>();

    CpuMeter(Connection monitor, String prefix) {
        this.monitor = monitor;
        this.prefix = prefix;
    }

    void service(Long pid) {
        servicePid = pid;
    }

    void close() {
        try {
            monitor.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }

    synchronized Snapshot take() throws SQLException {
        Map<Long, Long> backends = new LinkedHashMap<>();
        try (PreparedStatement s = monitor.prepareStatement(
                "select pid, datname, backend_type from pg_stat_activity where datname like ? and pid <> pg_backend_pid()")) {
            s.setString(1, prefix + "%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long pid = rs.getLong(1);
                    backends.put(pid, ticks(pid));
                    String kind = rs.getString(3);
                    databaseOf.put(
                            pid,
                            rs.getString(2).substring(prefix.length() + 1)
                                    + ("client backend".equals(kind) ? "" : " " + kind));
                }
            }
        }
        long[] machine = machine();
        Long service = servicePid;
        return new Snapshot(
                service == null ? 0 : ticks(service),
                service == null ? 0 : systemTicks(service),
                ticks(ProcessHandle.current().pid()),
                backends,
                machine[0],
                machine[1],
                service == null ? Map.of() : threads(service),
                wal());
    }

    private Wal wal() {
        try (Statement s = monitor.createStatement();
                ResultSet rs = s.executeQuery("select wal_bytes, wal_fpi from pg_stat_wal")) {
            rs.next();
            return new Wal(rs.getLong(1), rs.getLong(2), checkpoints());
        } catch (SQLException older) {
            return null;
        }
    }

    /** Checkpoints so far: PostgreSQL 17 moved the counts from pg_stat_bgwriter to pg_stat_checkpointer. */
    private long checkpoints() throws SQLException {
        String sql = monitor.getMetaData().getDatabaseMajorVersion() >= 17
                ? "select num_timed + num_requested from pg_stat_checkpointer"
                : "select checkpoints_timed + checkpoints_req from pg_stat_bgwriter";
        try (Statement s = monitor.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long ticks(long pid) {
        long[] t = times(pid);
        return t[0] + t[1];
    }

    static long systemTicks(long pid) {
        return times(pid)[1];
    }

    /** CPU ticks of a process's threads, summed by thread name without its number (C2 CompilerThread, GC Thread...). */
    static Map<String, Long> threads(long pid) {
        Map<String, Long> byName = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-#]?\\d+$", "");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byName.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        } catch (IOException gone) {
            // the process ended
        }
        return byName;
    }

    /** utime and stime of a process, all threads. */
    static long[] times(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException gone) {
            return new long[] {0, 0};
        }
    }

    static long[] machine() {
        try {
            String[] f =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }
}
