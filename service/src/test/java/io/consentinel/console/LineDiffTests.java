package io.consentinel.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.consentinel.console.LineDiff.Change;
import io.consentinel.console.LineDiff.Line;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class LineDiffTests {

    @Test
    void aChangedLineIsRemovedThenAddedAndTheRestIsKept() {
        List<Line> diff = LineDiff.between("version: a\npurposes: [x]\nend", "version: b\npurposes: [x]\nend");

        assertThat(diff)
                .containsExactly(
                        new Line(Change.REMOVED, "version: a"),
                        new Line(Change.ADDED, "version: b"),
                        new Line(Change.SAME, "purposes: [x]"),
                        new Line(Change.SAME, "end"));
    }

    @Test
    void identicalDocumentsHaveNoChange() {
        assertThat(LineDiff.between("a\nb", "a\nb")).extracting(Line::change).containsOnly(Change.SAME);
    }

    @Test
    void hugeDocumentsAreRefusedRatherThanDiffed() {
        String huge = "x\n".repeat(LineDiff.MAX_LINES + 1);
        assertThatThrownBy(() -> LineDiff.between(huge, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Dropping the added lines gives the old document back, and dropping the removed lines gives the new one. */
    @RepeatedTest(50)
    void theDiffRebuildsBothDocuments(org.junit.jupiter.api.RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        String before = randomLines(random);
        String after = randomLines(random);

        List<Line> diff = LineDiff.between(before, after);

        assertThat(String.join(
                        "\n",
                        diff.stream()
                                .filter(l -> l.change() != Change.ADDED)
                                .map(Line::text)
                                .toList()))
                .isEqualTo(before);
        assertThat(String.join(
                        "\n",
                        diff.stream()
                                .filter(l -> l.change() != Change.REMOVED)
                                .map(Line::text)
                                .toList()))
                .isEqualTo(after);
    }

    private static String randomLines(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = 1 + random.nextInt(12);
        for (int i = 0; i < lines; i++) {
            if (i > 0) {
                text.append('\n');
            }
            text.append("line ").append(random.nextInt(5));
        }
        return text.toString();
    }
}
