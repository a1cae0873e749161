package io.consentinel.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff (longest common subsequence) of two policy documents, for people: each line is kept, added
 * or removed. Policies are a few hundred lines, so the quadratic table is small; larger inputs are refused
 * rather than allowed to take the server's memory.
 */
final class LineDiff {

    static final int MAX_LINES = 4000;

    enum Change {
        SAME,
        ADDED,
        REMOVED
    }

    record Line(Change change, String text) {
        public String marker() {
            return switch (change) {
                case SAME -> " ";
                case ADDED -> "+";
                case REMOVED -> "−";
            };
        }

        public String css() {
            return change.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private LineDiff() {}

    static List<Line> between(String before, String after) {
        String[] a = before.split("\n", -1);
        String[] b = after.split("\n", -1);
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            throw new IllegalArgumentException("documents over " + MAX_LINES + " lines are not diffed");
        }
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                lines.add(new Line(Change.SAME, a[i]));
                i++;
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                lines.add(new Line(Change.REMOVED, a[i++]));
            } else {
                lines.add(new Line(Change.ADDED, b[j++]));
            }
        }
        while (i < a.length) {
            lines.add(new Line(Change.REMOVED, a[i++]));
        }
        while (j < b.length) {
            lines.add(new Line(Change.ADDED, b[j++]));
        }
        return lines;
    }
}
