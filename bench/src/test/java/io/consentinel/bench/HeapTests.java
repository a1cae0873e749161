package io.consentinel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapTests {

    @TempDir
    Path out;

    @Test
    void onlyYoungAndFullPausesCountAsCollectionsAndSayWhatWasKept() throws IOException {
        // Lines as G1 logs them with -Xlog:gc, from a run with a concurrent cycle (bench 6 December 2026).
        Path log = Files.writeString(out.resolve("gc.log"), """
                [98.103s][info][gc] GC(72) Pause Young (Concurrent Start) (G1 Humongous Allocation) 146M->119M(512M) 17.757ms
                [98.213s][info][gc] GC(75) Concurrent Mark Cycle
                [98.639s][info][gc] GC(75) Pause Remark 254M->254M(512M) 28.311ms
                [98.700s][info][gc] GC(75) Pause Cleanup 341M->341M(512M) 0.093ms
                [98.801s][info][gc] GC(75) Concurrent Mark Cycle 588.025ms
                [99.212s][info][gc] GC(76) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 430M->119M(512M) 18.369ms
                [100.045s][info][gc] GC(77) Pause Young (Mixed) (G1 Evacuation Pause) 433M->125M(512M) 24.625ms
                """);

        Heap heap = Heap.fromGcLog(log);

        assertThat(heap.collections()).isEqualTo(3);
        assertThat(heap.peakAfterCollectionMib()).isEqualTo(125);
        assertThat(heap.peakUsedMib()).isEqualTo(433);
        assertThat(heap.peakCommittedMib()).isEqualTo(512);
        assertThat(heap.fullCollections()).isZero();
    }

    @Test
    void aFullCollectionIsCountedAndWhatItKeptIsReported() throws IOException {
        Path log = Files.writeString(out.resolve("gc.log"), """
                [10.000s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 400M->130M(512M) 5.000ms
                [11.000s][info][gc] GC(2) Pause Full (G1 Compaction Pause) 510M->300M(512M) 250.000ms
                """);

        Heap heap = Heap.fromGcLog(log);

        assertThat(heap.collections()).isEqualTo(2);
        assertThat(heap.fullCollections()).isEqualTo(1);
        assertThat(heap.peakAfterCollectionMib()).isEqualTo(300);
        assertThat(heap.outOfMemory()).isFalse();
    }
}
