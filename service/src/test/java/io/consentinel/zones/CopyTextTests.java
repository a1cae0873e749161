package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyTextTests {

    @Test
    void escapesWhatCopyTextGivesAMeaning() {
        String row =
                new CopyText(64).text("a\tb\nc\rd\\e").text(null).text("\\N").endRowAndGet();
        assertThat(row).isEqualTo("a\\tb\\nc\\rd\\\\e\t\\N\t\\\\N\n");
    }

    @Test
    void quotesEveryArrayElement() {
        String row = new CopyText(64)
                .textArray(List.of("plain", "q\"uote", "back\\slash", "", "NULL"))
                .textArray(List.of())
                .textArray(Arrays.asList("x", null))
                .endRowAndGet();
        assertThat(row)
                .isEqualTo("{\"plain\",\"q\\\\\"uote\",\"back\\\\\\\\slash\",\"\",\"NULL\"}\t{}\t{\"x\",NULL}\n");
    }

    @Test
    void escapesArrayElementsForTheLiteralAndThenForCopy() {
        Random random = new Random(7);
        String alphabet = "ab\"\\\n\r\t\u00e9";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder element = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) {
                element.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String literal = element.toString().replace("\\", "\\\\").replace("\"", "\\\"");
            String copied = literal.replace("\\", "\\\\")
                    .replace("\n", "\\n")
                    .replace("\r", "\\r")
                    .replace("\t", "\\t");

            String row =
                    new CopyText(64).textArray(List.of(element.toString(), "x")).endRowAndGet();

            assertThat(row).isEqualTo("{\"" + copied + "\",\"x\"}\n");
        }
    }

    @Test
    void writesInstantsInUtcWithMicroseconds() {
        String row = new CopyText(64)
                .instant(Instant.parse("2026-11-24T10:00:00Z"))
                .instant(Instant.parse("1969-12-31T23:59:59.999999Z"))
                .instant(Instant.parse("0001-01-01T00:00:00.000001Z"))
                .endRowAndGet();
        assertThat(row)
                .isEqualTo("2026-11-24T10:00:00.000000Z\t1969-12-31T23:59:59.999999Z\t0001-01-01T00:00:00.000001Z\n");
    }

    @Test
    void escapesRunsInsideLongerText() {
        String row = new CopyText(64)
                .text("{\"k\":\"a\\\\b\tc\"}x\ny")
                .text("plain")
                .text("x\\y\nz")
                .text("\t")
                .endRowAndGet();
        assertThat(row).isEqualTo("{\"k\":\"a\\\\\\\\b\\tc\"}x\\ny\tplain\tx\\\\y\\nz\t\\t\n");
    }

    @Test
    void writesJsonColumnsEscapedForCopy() {
        var tree = DecisionRows.JSON.createObjectNode().put("k", "a\\b\tc").putNull("n");
        String row = new CopyText(64)
                .json(tree)
                .json(null)
                .jsonFields(List.of(new DecisionRecord.Field("p\n", null, "drop", "R")))
                .endRowAndGet();
        assertThat(row)
                .isEqualTo("{\"k\":\"a\\\\\\\\b\\\\tc\",\"n\":null}\t\\N\t"
                        + "[{\"path\":\"p\\\\n\",\"category\":null,\"action\":\"drop\",\"reason\":\"R\"}]\n");
    }

    @Test
    void sendsRowsInChunksThatAddUpToTheWholeText() {
        java.io.ByteArrayOutputStream sent = new java.io.ByteArrayOutputStream();
        List<Integer> chunks = new java.util.ArrayList<>();
        CopyText streamed = new CopyText(bytes -> {
            chunks.add(bytes.length);
            sent.writeBytes(bytes);
        });
        CopyText kept = new CopyText(64);
        for (int i = 0; i < 5_000; i++) {
            for (CopyText rows : List.of(streamed, kept)) {
                rows.number(i).text("ünïcødé\t" + "x".repeat(i % 40)).endRow();
            }
        }
        streamed.flush();
        assertThat(chunks.size()).isGreaterThan(3);
        assertThat(chunks).allSatisfy(size -> assertThat(size).isLessThan(256 * 1024));
        assertThat(sent.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(kept.toString());
    }

    @Test
    void writesNumbersInstantsUuidsAndBytea() {
        UUID id = UUID.fromString("3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11");
        String row = new CopyText(64)
                .number(-7)
                .instant(Instant.parse("2026-11-24T10:00:00.123456Z"))
                .instant(null)
                .uuid(id)
                .bytea(new byte[] {0, (byte) 0xff})
                .endRowAndGet();
        assertThat(row).isEqualTo("-7\t2026-11-24T10:00:00.123456Z\t\\N\t" + id + "\t\\\\x00ff\n");
    }
}
