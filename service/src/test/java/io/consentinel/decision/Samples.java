package io.consentinel.decision;

import java.util.stream.Stream;
import org.instancio.InstancioApi;
import org.instancio.Random;

/**
 * Inputs for the property tests: a stream of Instancio objects drawn from one fixed seed, so every run
 * tries the same inputs and a failure reproduces by re-running the test. Pass
 * {@code -Dconsentinel.samples.seed=N} to explore other inputs (docs/TESTING.md).
 */
final class Samples {

    static final long SEED = Long.getLong("consentinel.samples.seed", 20_261_202L);

    private Samples() {}

    static <T> Stream<T> of(InstancioApi<T> model, int count) {
        return model.withSeed(SEED).stream().limit(count);
    }

    /** Any long, each bit random (Instancio's own long range is narrow by default). */
    static long anyLong(Random random) {
        return random.longRange(0, 0xFFFF_FFFFL) << 32 | random.longRange(0, 0xFFFF_FFFFL);
    }

    /** Picks by weight: {@code weighted(random, 5, 4, 1)} answers 0 half the time, 1 four times in ten. */
    static int weighted(Random random, int... weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int roll = random.intRange(0, total - 1);
        for (int i = 0; i < weights.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return i;
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
