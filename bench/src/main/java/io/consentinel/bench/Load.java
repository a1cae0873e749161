package io.consentinel.bench;

import static io.consentinel.bench.Console.ms;
import static io.consentinel.bench.Console.say;
import static io.consentinel.bench.Console.seconds;
import static io.consentinel.bench.Events.APPS;
import static io.consentinel.bench.Events.EU;

import io.consentinel.bench.Events.Subjects;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load on the service: consent for the subjects, then (a) batches of 1000 events from a few clients and
 * (b) single-event POSTs from 64 clients, each a warm-up and a measured window.
 */
final class Load {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int SEGMENT_BATCH = 100;

    /** How the consent records went in; {@code cpu} is null when it could not be read. */
    record Consent(Subjects subjects, double seconds, double perSecond, Cpu cpu) {}

    private final Options o;
    private final Api api;
    private final Api management;
    private final CpuMeter meter;

    Load(Options options, Api api, Api management, CpuMeter meter) {
        this.o = options;
        this.api = api;
        this.management = management;
        this.meter = meter;
    }

    /** An app key per app, issued with the bootstrap admin key. */
    static String issueAppKey(Api api, String adminKey, String app) {
        String body = api.send(
                "POST",
                "/v1/api-keys",
                adminKey,
                "{\"role\":\"app\",\"appId\":\"" + app + "\",\"name\":\"bench " + app + "\"}",
                201);
        return JSON.readTree(body).required("key").asString();
    }

    /**
     * A collector key: the account settings page's backend. Its records are vendor-wide, so they count for
     * every app's events; an app key's records would count only for that app's (consent scopes).
     */
    static String issueCollectorKey(Api api, String adminKey) {
        String body =
                api.send("POST", "/v1/api-keys", adminKey, "{\"role\":\"collector\",\"name\":\"bench consent\"}", 201);
        return JSON.readTree(body).required("key").asString();
    }

    /**
     * Consent for the subjects, after a warm-up as long as the other phases' (20 s; 3 s in --quick) that
     * appends for other subjects ({@code w-...}, never in an event), so that neither JVM is still compiling
     * the append path while it is measured. The warm-up's records reach the consent log before the
     * measurement starts.
     */
    Consent consent(String collectorKey, Databases databases) throws InterruptedException {
        int n = o.subjects();
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = String.format("s-%07d", i);
        }
        Instant captured = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
        String capturedAt = captured.toString();
        String expiresAt = captured.plus(Duration.ofDays(365)).toString();
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.warmupSeconds());
        AtomicInteger warmed = new AtomicInteger();
        Workers.run(o.consentClients(), "consent warm-up", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            LongAdder uncounted = new LongAdder();
            while (System.nanoTime() < warmupEnd) {
                String subject = String.format("w-%07d", warmed.getAndIncrement());
                String body = consentBody(random, capturedAt, expiresAt, uncounted);
                api.send("POST", "/v1/subjects/" + subject + "/consents", collectorKey, body, 201);
            }
        });
        awaitConsentLog(databases);
        say("consent: warm-up of %d s, %,d appends for other subjects, not counted", o.warmupSeconds(), warmed.get());
        AtomicInteger next = new AtomicInteger();
        LongAdder denied = new LongAdder();
        long[] latencies = new long[n];
        StoreMetrics groupsBefore = StoreMetrics.scrape(management);
        CpuMeter.Snapshot cpuBefore = takeCpu();
        long t0 = System.nanoTime();
        Workers.run(o.consentClients(), "consent", () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int i;
            while ((i = next.getAndIncrement()) < n) {
                String body = consentBody(random, capturedAt, expiresAt, denied);
                long s = System.nanoTime();
                api.send("POST", "/v1/subjects/" + ids[i] + "/consents", collectorKey, body, 201);
                latencies[i] = System.nanoTime() - s;
            }
        });
        long answered = System.nanoTime() - t0;
        // The consent log takes records after their commit (docs/DESIGN.md). Its catch-up is part of the
        // appends' cost: the phase ends when the log holds every record, so it cannot spill into the next one.
        awaitConsentLog(databases);
        long elapsed = System.nanoTime() - t0;
        CpuMeter.Snapshot cpuAfter = takeCpu();
        Arrays.sort(latencies);
        double rate = n / seconds(elapsed);
        say(
                "consent: %,d subjects (IN and EU, %.0f%% deny analytics) recorded in %.1f s by %d clients: %,.0f appends/s, p50 %.1f ms, p99 %.1f ms",
                n,
                100.0 * denied.sum() / n,
                seconds(elapsed),
                o.consentClients(),
                rate,
                ms(latencies[n / 2]),
                ms(latencies[(int) (n * 0.99)]));
        say(
                "    the last answer came after %.1f s; the consent log held every record %.1f s later",
                seconds(answered), seconds(elapsed - answered));
        Cpu cpu = cpuBefore == null || cpuAfter == null ? null : Cpu.between(cpuBefore, cpuAfter, n);
        if (cpu != null) {
            say("    %s", cpu.toString().replace("per event", "per append"));
        }
        String groups = StoreMetrics.scrape(management).consentSince(groupsBefore);
        if (!groups.isEmpty()) {
            say("    group commits during the phase: %s", groups);
        }
        // A bulk load leaves the control tables to autovacuum, which would then run during the measured
        // phases; in production, consent accumulates over time. Vacuum and analyse now, outside any window.
        long v0 = System.nanoTime();
        try (Connection c = databases.open("control");
                Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
        } catch (SQLException e) {
            throw new IllegalStateException("vacuum analyze of the control store failed", e);
        }
        say(
                "consent: control store vacuumed and analysed in %.1f s (outside the measured windows)",
                seconds(System.nanoTime() - v0));
        return new Consent(new Subjects(ids), seconds(elapsed), rate, cpu);
    }

    /**
     * One subject's consent record: IN or an EU country, about 20% deny analytics and more deny
     * personalisation and advertising, 5% carry GPC and 3% are children. Counts analytics denials in
     * {@code denied}.
     */
    private static String consentBody(ThreadLocalRandom random, String capturedAt, String expiresAt, LongAdder denied) {
        boolean india = random.nextBoolean();
        String country = india ? "IN" : EU[random.nextInt(EU.length)];
        String analytics = random.nextInt(100) < 80 ? "granted" : "denied";
        String personalisation = random.nextInt(100) < 65 ? "granted" : "denied";
        String advertising = random.nextInt(100) < 35 ? "granted" : "denied";
        String diagnostics = random.nextInt(100) < 85 ? "granted" : "denied";
        if (!"granted".equals(analytics)) {
            denied.increment();
        }
        boolean gpc = random.nextInt(100) < 5;
        boolean child = random.nextInt(100) < 3;
        return "{\"jurisdiction\":\"" + country + "\",\"noticeVersion\":\"notice-2026-09\""
                + ",\"capturedAt\":\"" + capturedAt + "\",\"expiresAt\":\"" + expiresAt + "\""
                + ",\"source\":\"" + APPS[random.nextInt(APPS.length)] + "/onboarding\""
                + ",\"child\":" + child + (gpc ? ",\"gpc\":true" : "")
                + ",\"purposes\":{\"analytics\":\"" + analytics + "\",\"personalisation\":\"" + personalisation
                + "\",\"advertising\":\"" + advertising + "\",\"diagnostics\":\"" + diagnostics + "\"}}";
    }

    /** Waits until no consent record is outside the consent log (ten minutes at most). */
    private static void awaitConsentLog(Databases databases) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        try (Connection c = databases.open("control");
                Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet pending =
                        s.executeQuery("select 1 from consent_records where log_index is null limit 1")) {
                    if (!pending.next()) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the consent log did not take every record within 10 minutes");
                }
                Thread.sleep(50);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the consent log's progress", e);
        }
    }

    private CpuMeter.Snapshot takeCpu() {
        try {
            return meter == null ? null : meter.take();
        } catch (java.sql.SQLException e) {
            return null; // CPU is reported when it can be read; the throughput stands on its own
        }
    }

    Throughput batched(Map<String, String> appKeys, Subjects subjects) throws InterruptedException {
        StoreMetrics before = StoreMetrics.scrape(management);
        Throughput t = batches(
                "batched",
                1000,
                subjects,
                (body, events, app) -> {
                    body.append("{\"events\":[");
                    for (int k = 0; k < 1000; k++) {
                        if (k > 0) {
                            body.append(',');
                        }
                        events.append(body, app);
                    }
                    body.append("]}");
                },
                (app, body) -> api.send("POST", "/v1/events/batch", appKeys.get(app), body, 200));
        say(
                "(a) batched: %,d events in %.1f s by %d clients, 1000 per batch: %,.0f events/s (batch p50 %.0f ms, p99 %.0f ms) %s",
                t.events(),
                t.seconds(),
                o.batchClients(),
                t.perSecond(),
                t.percentileMs(0.50),
                t.percentileMs(0.99),
                shares(t.outcomes()));
        return reportedWithGroups(t, before);
    }

    /** Prints a service phase's CPU and the group commits it made since {@code before}, and returns it. */
    private Throughput reportedWithGroups(Throughput t, StoreMetrics before) {
        say("    %s", t.cpu());
        say(
                "    group commits during the phase (warm-up included): %s",
                StoreMetrics.scrape(management).since(before));
        return t;
    }

    /**
     * (a') The batched load through Segment's HTTP API: batches of 100 track messages (Segment's SDKs send at
     * most 500 KB) to {@code /compat/segment/v1/batch}, HTTP Basic with the app key as write key, from the same
     * clients, subjects and event types. Informational: no target.
     */
    Throughput segment(Map<String, String> appKeys, Subjects subjects) throws InterruptedException {
        Throughput t = batches(
                "segment",
                SEGMENT_BATCH,
                subjects,
                (body, events, app) -> {
                    body.append("{\"batch\":[");
                    for (int k = 0; k < SEGMENT_BATCH; k++) {
                        if (k > 0) {
                            body.append(',');
                        }
                        events.appendSegment(body);
                    }
                    body.append("]}");
                },
                (app, body) -> api.sendBasic("POST", "/compat/segment/v1/batch", appKeys.get(app), body, 200));
        say(
                "(a) Segment batch: %,d events in %.1f s by %d clients, %d per batch: %,.0f events/s (batch p50 %.0f ms, p99 %.0f ms) %s",
                t.events(),
                t.seconds(),
                o.batchClients(),
                SEGMENT_BATCH,
                t.perSecond(),
                t.percentileMs(0.50),
                t.percentileMs(0.99),
                shares(t.outcomes()));
        say("    %s", t.cpu());
        return t;
    }

    /** Writes a batch's request body for one app. */
    private interface BatchBody {
        void write(StringBuilder body, Events events, String app);
    }

    /** Sends a batch for one app and returns the answer. */
    private interface BatchSender {
        String send(String app, String body);
    }

    /** A warm-up and a measured window of batches from the batch clients, each batch for a random app. */
    private Throughput batches(String name, int size, Subjects subjects, BatchBody bodies, BatchSender sender)
            throws InterruptedException {
        Phase phase = new Phase(o.warmupSeconds(), o.measureSeconds(), meter);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Workers.run(o.batchClients(), name, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Events events = new Events(random, subjects);
            StringBuilder body = new StringBuilder(size * 900);
            while (phase.running()) {
                String app = APPS[random.nextInt(APPS.length)];
                body.setLength(0);
                bodies.write(body, events, app);
                String text = body.toString();
                long s = System.nanoTime();
                String answer = sender.send(app, text);
                long e = System.nanoTime();
                if (phase.measured(s, e)) {
                    phase.completed(size, e - s);
                    tally(answer, outcomes);
                }
            }
        });
        return phase.result(name, outcomes);
    }

    Throughput single(Map<String, String> appKeys, Subjects subjects) throws InterruptedException {
        StoreMetrics before = StoreMetrics.scrape(management);
        Throughput t = singleEvents(api, "single", appKeys, subjects, o.warmupSeconds(), o.measureSeconds());
        say(
                "(b) single: %,d events in %.1f s by %d clients: %,.0f events/s, p50 %.2f ms, p99 %.2f ms %s",
                t.events(),
                t.seconds(),
                o.singleClients(),
                t.perSecond(),
                t.percentileMs(0.50),
                t.percentileMs(0.99),
                shares(t.outcomes()));
        return reportedWithGroups(t, before);
    }

    /**
     * (g) The bare Tomcat floor: (b)'s requests, bodies and clients, against {@link BareTomcat}, which reads each
     * body and answers a fixed decision. Its CPU per request is what Tomcat alone costs a single event.
     * Informational; the report sets it against single's target.
     */
    Throughput bareTomcat(Api bare, Map<String, String> appKeys, Subjects subjects) throws InterruptedException {
        return bareServer(bare, "bare", "(g) bare Tomcat", appKeys, subjects);
    }

    /** (b)'s requests against one of the bare servers, in (f)'s shorter windows, and the line that reports them. */
    private Throughput bareServer(Api bare, String name, String label, Map<String, String> appKeys, Subjects subjects)
            throws InterruptedException {
        Throughput t = singleEvents(
                bare, name, appKeys, subjects, Math.min(o.warmupSeconds(), 10), Math.min(o.measureSeconds(), 15));
        say(
                "%s: %,d POST /v1/events in %.1f s by %d clients: %,.0f requests/s, p50 %.2f ms, p99 %.2f ms",
                label,
                t.events(),
                t.seconds(),
                o.singleClients(),
                t.perSecond(),
                t.percentileMs(0.50),
                t.percentileMs(0.99));
        say("    %s", t.cpu());
        return t;
    }

    private Throughput singleEvents(
            Api target, String name, Map<String, String> appKeys, Subjects subjects, int warmup, int measure)
            throws InterruptedException {
        Phase phase = new Phase(warmup, measure, meter);
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Workers.run(o.singleClients(), name, () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Events events = new Events(random, subjects);
            String app = APPS[random.nextInt(APPS.length)];
            String key = appKeys.get(app);
            StringBuilder body = new StringBuilder(4096);
            while (phase.running()) {
                body.setLength(0);
                events.append(body, app);
                long s = System.nanoTime();
                String answer = target.send("POST", "/v1/events", key, body.toString(), 200);
                long e = System.nanoTime();
                if (phase.measured(s, e)) {
                    phase.completed(1, e - s);
                    tally(answer, outcomes);
                }
            }
        });
        return phase.result(name, outcomes);
    }

    /**
     * (h) The bare group-commit floor: (b)'s requests, bodies and clients, against {@link BareTomcat} with
     * {@link BareGroupCommit}, which commits each request's rows in groups before answering. What a single
     * event costs a server that only stores it, durably, with the same schema. Informational; the report sets
     * it against single's ratio target.
     */
    Throughput bareGroupCommit(Api bare, Map<String, String> appKeys, Subjects subjects) throws InterruptedException {
        return bareServer(bare, "bare-commit", "(h) bare group commit", appKeys, subjects);
    }

    /**
     * (i) The service's writes, bare: (h) with what the service's zone writers must also do for each group (two
     * zone stores, the chain head, the transparency log, the receipt range), and still no JSON, keys, consent
     * or decision. Nothing built this way could serve single events faster on this server. Informational; the
     * report sets it against single's ratio target.
     */
    Throughput bareServiceWrites(Api bare, Map<String, String> appKeys, Subjects subjects) throws InterruptedException {
        return bareServer(bare, "bare-writes", "(i) bare service writes", appKeys, subjects);
    }

    /**
     * (f) The Spring MVC floor: the cheapest authenticated request, {@code GET /v1/audit/log/key} (an admin key,
     * the answer from memory, no database), from as many clients as (b), through Tomcat, Spring Security's chain,
     * {@code @Allowed}, Spring MVC and Jackson. Appends and events take the direct path around most of that, so
     * this is what the stack costs every other API request. Informational: no target.
     */
    Throughput floor(String adminKey) throws InterruptedException {
        Phase phase = new Phase(Math.min(o.warmupSeconds(), 10), Math.min(o.measureSeconds(), 15), meter);
        Workers.run(o.singleClients(), "floor", () -> {
            while (phase.running()) {
                long s = System.nanoTime();
                api.send("GET", "/v1/audit/log/key?zone=in", adminKey, "", 200);
                long e = System.nanoTime();
                if (phase.measured(s, e)) {
                    phase.completed(1, e - s);
                }
            }
        });
        Throughput t = phase.result("floor", Map.of());
        say(
                "(f) Spring MVC floor: %,d GET /v1/audit/log/key in %.1f s by %d clients: %,.0f requests/s, p50 %.2f ms, p99 %.2f ms",
                t.events(), t.seconds(), o.singleClients(), t.perSecond(), t.percentileMs(0.50), t.percentileMs(0.99));
        say("    %s", t.cpu() == null ? "CPU not read" : t.cpu().toString().replace("per event", "per request"));
        return t;
    }

    /** Counts the outcomes in an answer, one event's or a batch's, with Jackson's streaming parser (no tree). */
    static void tally(String answer, Map<String, LongAdder> outcomes) {
        try (JsonParser parser = JSON.createParser(answer)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME
                        && "outcome".equals(parser.currentName())
                        && parser.nextToken() == JsonToken.VALUE_STRING) {
                    outcomes.computeIfAbsent(parser.getString(), k -> new LongAdder())
                            .increment();
                }
            }
        }
    }

    static String shares(Map<String, Long> outcomes) {
        long total = outcomes.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder s = new StringBuilder("[");
        outcomes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> s.append(s.length() > 1 ? ", " : "")
                        .append(e.getKey())
                        .append(' ')
                        .append(String.format("%.0f%%", 100.0 * e.getValue() / total)));
        return s.append(']').toString();
    }
}
