package io.consentinel.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyTextTests {

    @Test
    void escapesWhatCopyTextGivesAMeaning() {
        String row = new CopyText(64).text("a\tb\nc\rd\\e").text(null).text("\\N").endRowAndGet();
        assertThat(row).isEqualTo("a\\tb\\nc\\rd\\\\e\t\\N\t\\\\N\n");
    }

    @Test
    void quotesEveryArrayElement() {
        String row = new CopyText(64).textArray(List.of("plain", "q\"uote", "back\\slash", "", "NULL")).textArray(List.of())
                .textArray(Arrays.asList("x", null)).endRowAndGet();
        assertThat(row).isEqualTo("{\"plain\",\"q\\\\\"uote\",\"back\\\\\\\\slash\",\"\",\"NULL\"}\t{}\t{\"x\",NULL}\n");
    }

    @Test
    void writesNumbersInstantsUuidsAndBytea() {
        UUID id = UUID.fromString("3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11");
        String row = new CopyText(64).number(-7).instant(Instant.parse("2026-11-24T10:00:00.123456Z")).instant(null)
                .uuid(id).bytea(new byte[] {0, (byte) 0xff}).endRowAndGet();
        assertThat(row).isEqualTo("-7\t2026-11-24T10:00:00.123456Z\t\\N\t" + id + "\t\\\\x00ff\n");
    }
}
