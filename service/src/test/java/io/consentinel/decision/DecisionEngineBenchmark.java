package io.consentinel.decision;

import io.consentinel.decision.ConsentSnapshot.ConsentChange;
import io.consentinel.policy.DefaultPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decisions per second on one core, under the default policy, for 10-field events already parsed
 * into trees. 1024 pre-built (event, consent) pairs are cycled: three in four are page views, one in
 * four crash reports; 80% of subjects granted everything, 20% lack or withdrew some purposes, so the
 * mix includes url_domain, drop, pseudonymise, truncate_ip, coarsen_time and rejections.
 * Run: see docs/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DecisionEngineBenchmark {

    private static final int SCENARIOS = 1024;
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Instant OCCURRED = Instant.parse("2026-11-24T09:59:58Z");
    private static final Instant GRANTED_AT = Instant.parse("2026-10-01T00:00:00Z");

    private final EventInput[] events = new EventInput[SCENARIOS];
    private final ConsentSnapshot[] consents = new ConsentSnapshot[SCENARIOS];
    private final Set<String> zones = Set.of("in", "eu", "us", "global");
    private Policy policy;
    private DecisionEngine engine;
    private int next;

    @Setup
    public void setUp() {
        policy = DefaultPolicy.load();
        engine = new DecisionEngine(
                new Pseudonymiser("bench", "an-example-key-of-32-bytes-or-more!".getBytes(StandardCharsets.US_ASCII)));
        JsonMapper json = JsonMapper.builder().build();
        Random random = new Random(42);
        List<String> countries = List.of("IN", "DE", "FR", "US", "BR");
        for (int i = 0; i < SCENARIOS; i++) {
            String country = countries.get(random.nextInt(countries.size()));
            boolean pageView = random.nextInt(4) != 0;
            String type = pageView ? "browsing.page_view" : "crash.report";
            ObjectNode attributes = (ObjectNode) json.readTree(pageView ? pageView(random) : crashReport(random));
            events[i] = new EventInput("e-" + i, "mi-browser", "u-" + i, type, OCCURRED, country, attributes);
            consents[i] = consent(country, random);
        }
    }

    private static String pageView(Random random) {
        return """
                {"url": "https://news.example/story/%d?ref=home&uid=u-%d", "referrer": "https://search.example/?q=weather+%d",
                 "title": "Local weather for %d", "device": {"imei": "4901542032%05d", "advertisingId": "38400000-8cf0-11bd-b23e-%012d",
                 "model": "Pixel 9"}, "ip": "203.0.%d.%d", "location": {"lat": 12.97%02d, "lon": 77.59%02d}, "durationMs": %d}
                """.formatted(
                        random.nextInt(100_000),
                        random.nextInt(1000),
                        random.nextInt(100),
                        random.nextInt(100),
                        random.nextInt(100_000),
                        random.nextInt(1_000_000),
                        random.nextInt(256),
                        random.nextInt(256),
                        random.nextInt(100),
                        random.nextInt(100),
                        random.nextInt(60_000));
    }

    private static String crashReport(Random random) {
        return """
                {"exception": {"type": "java.lang.IllegalStateException"}, "stackTrace": "at com.example.Main.run(Main.java:%d)",
                 "appVersion": "4.2.%d", "device": {"model": "Pixel 9", "imei": "4901542032%05d"}, "ip": "2001:db8:%x::%x",
                 "crashedAt": "2026-11-24T09:%02d:%02dZ", "location": {"lat": 48.85%02d, "lon": 2.35%02d}, "memoryFreeMb": %d}
                """.formatted(
                        random.nextInt(500),
                        random.nextInt(10),
                        random.nextInt(100_000),
                        random.nextInt(0xffff),
                        random.nextInt(0xffff),
                        random.nextInt(60),
                        random.nextInt(60),
                        random.nextInt(100),
                        random.nextInt(100),
                        random.nextInt(4096));
    }

    /** 80%: every purpose granted. 20%: each purpose missing, withdrawn or granted with equal odds. */
    private ConsentSnapshot consent(String country, Random random) {
        boolean partial = random.nextInt(5) == 0;
        Map<String, List<ConsentChange>> purposes = new LinkedHashMap<>();
        for (String purpose : policy.purposes()) {
            int kind = partial ? random.nextInt(3) : 0;
            switch (kind) {
                case 0 -> purposes.put(purpose, List.of(new ConsentChange(GRANTED_AT, true, null, "r-1")));
                case 1 ->
                    purposes.put(
                            purpose,
                            List.of(
                                    new ConsentChange(GRANTED_AT, true, null, "r-1"),
                                    new ConsentChange(GRANTED_AT.plusSeconds(86_400), false, null, "r-2")));
                default -> {} // never asked: consent missing
            }
        }
        return new ConsentSnapshot(country, false, purposes);
    }

    @Benchmark
    public Decision decide() {
        int i = next++ & (SCENARIOS - 1);
        return engine.decide(events[i], consents[i], policy, zones, NOW);
    }
}
