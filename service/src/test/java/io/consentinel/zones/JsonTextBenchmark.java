package io.consentinel.zones;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

/**
 * The two JSON columns of one event as the group commit writes them into a COPY row: through Jackson and
 * then COPY escaping (as before), against {@link JsonText} straight into the row, side by side in one run.
 * Run: {@code -Djmh.args="JsonTextBenchmark -f 1 -wi 3 -i 5 -prof gc"}, see docs/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class JsonTextBenchmark {

    /** A page view's attributes as the default policy stores them with consent (bench/run's shape). */
    private final JsonNode attributes = DecisionRows.JSON.readTree("""
            {"url":"https://news.example","referrer":"https://search.example","title":"Story number 4711 on news.example",\
            "device":{"model":"Redmi Note 13","imei":"ps:bench-k1:q2-7wAAAAAx9fK3mQ","os":"Android 14"},\
            "ip":"203.0.113.0","location":{"lat":12.97,"lon":77.59},"durationMs":48211,"scrollDepthPct":73,\
            "viewedAt":"2026-12-02T10:00:00Z"}""");

    private final List<DecisionRecord.Field> fields = List.of(
            new DecisionRecord.Field("url", "browsing.url", "url_domain", "MINIMISED"),
            new DecisionRecord.Field("device.imei", "device.identifier", "pseudonymise", "MINIMISED"),
            new DecisionRecord.Field("ip", "network.ip", "truncate_ip", "MINIMISED"),
            new DecisionRecord.Field("location", "location.precise", "generalise_location", "MINIMISED"));

    @Benchmark
    public String throughJackson() {
        return new CopyText(1024)
                .text(DecisionRows.fieldsJson(fields))
                .text(DecisionRows.JSON.writeValueAsString(attributes))
                .endRowAndGet();
    }

    @Benchmark
    public String direct() {
        return new CopyText(1024).jsonFields(fields).json(attributes).endRowAndGet();
    }
}
