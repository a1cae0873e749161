package io.consentinel.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak heap from the unified GC log: the occupancy before each collection is the high-water mark, and the
 * occupancy after one the most the service kept. With the whole heap committed from the start (as the
 * service runs), the first nears the maximum by design, so the second says what the service holds.
 *
 * <p>Only young (mixed included) and full pauses collect. G1's remark and cleanup pauses, in a concurrent
 * cycle, log the occupancy of the moment, garbage included, as both before and after: counted as
 * collections, they once reported 341 MiB "kept" in a run whose young collections never kept more than
 * 125 MiB.
 */
record Heap(
        long peakUsedMib,
        long peakAfterCollectionMib,
        long peakCommittedMib,
        int collections,
        int fullCollections,
        boolean outOfMemory) {

    private static final Pattern PAUSE = Pattern.compile("Pause (\\S+).*? (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    static Heap fromGcLog(Path log) throws IOException {
        long peak = 0, after = 0, committed = 0;
        int count = 0, full = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = PAUSE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(2)));
                committed = Math.max(committed, Long.parseLong(m.group(4)));
                boolean isFull = m.group(1).equals("Full");
                if (isFull || m.group(1).equals("Young")) {
                    count++;
                    full += isFull ? 1 : 0;
                    after = Math.max(after, Long.parseLong(m.group(3)));
                }
            }
        }
        Path serviceLog = log.resolveSibling("service.log");
        boolean oom = Files.exists(serviceLog) && Files.readString(serviceLog).contains("OutOfMemoryError");
        return new Heap(peak, after, committed, count, full, oom);
    }
}
