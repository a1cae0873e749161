package io.consentinel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.support.Api;
import io.consentinel.support.Api.Reply;
import io.consentinel.zones.DecisionRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuditExportTests extends AuditTest {

    private static final Instant T0 = Instant.parse("2026-06-01T09:00:00Z");

    @Test
    void ndjsonHasEveryDecisionOnItsOwnLineAsTheListShowsIt() {
        String app = unique("ndjson");
        decisions().append("in", List.of(draft(app, 0), draft(app, 3)));
        decisions().append("eu", List.of(draft(app, 1).zone("eu"), draft(app, 4).zone("eu")));
        decisions()
                .append("control", draft(app, 2).zone(null).jurisdiction(null).outcome("rejected"));

        Reply export = officer().get("/v1/audit/export?format=ndjson&appId=" + app);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.body()).endsWith("\n");
        String[] lines = export.body().split("\n");
        JsonNode listed =
                officer().get("/v1/audit/decisions?appId=" + app).json().get("items");
        assertThat(lines).hasSize(5);
        for (int i = 0; i < lines.length; i++) {
            assertThat(Api.JSON.readTree(lines[i])).isEqualTo(listed.get(i));
        }
    }

    @Test
    void csvQuotesCommasQuotesAndLineBreaksPerRfc4180() {
        String app = unique("csv");
        String subject = "subject, \"quoted\"\r\nsecond line " + app;
        DecisionRecord decision = decisions()
                .append(
                        "in",
                        DecisionDraft.of(app, subject)
                                .outcome("anonymised")
                                .reasons("CONSENT_MISSING", "UNCLASSIFIED_FIELD")
                                .consentRecordIds("rec-1", "rec-2")
                                .receivedAt(T0)
                                .field("tracks[].artist,\"x\"", null, "drop", "UNCLASSIFIED_FIELD"));

        Reply export = officer().get("/v1/audit/export?format=csv&appId=" + app);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.body())
                .startsWith("eventId,outcome,zone,policyVersion,reasons,fields,subjectId,subjectRef,appId,"
                        + "type,jurisdiction,occurredAt,receivedAt,consentRecordIds,sequence\r\n");
        assertThat(export.body()).endsWith("," + decision.sequence() + "\r\n");
        // Written out by hand: the JSON escapes the path's quotes, then CSV doubles every quote.
        assertThat(export.body())
                .contains(",\"[{\"\"path\"\":\"\"tracks[].artist,\\\"\"x\\\"\"\"\",\"\"category\"\":null,"
                        + "\"\"action\"\":\"\"drop\"\",\"\"reason\"\":\"\"UNCLASSIFIED_FIELD\"\"}]\",");
        assertThat(export.body()).contains(",\"subject, \"\"quoted\"\"\r\nsecond line " + app + "\",");

        List<List<String>> rows = parseCsv(export.body());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1))
                .containsExactly(
                        decision.eventId().toString(),
                        "anonymised",
                        "in",
                        "2026-11-24",
                        "CONSENT_MISSING;UNCLASSIFIED_FIELD",
                        "[{\"path\":\"tracks[].artist,\\\"x\\\"\",\"category\":null,\"action\":\"drop\",\"reason\":\"UNCLASSIFIED_FIELD\"}]",
                        subject,
                        decision.subjectRef(),
                        app,
                        "browsing.page_view",
                        "IN",
                        "2026-06-01T08:59:58Z",
                        "2026-06-01T09:00:00Z",
                        "rec-1;rec-2",
                        Long.toString(decision.sequence()));
    }

    @Test
    void anAbsentValueIsAnEmptyCsvField() {
        String app = unique("csv-null");
        decisions()
                .append("control", draft(app, 0).zone(null).jurisdiction(null).outcome("rejected"));
        List<String> row = parseCsv(officer()
                        .get("/v1/audit/export?format=csv&appId=" + app)
                        .body())
                .get(1);
        assertThat(row.get(2)).isEmpty();
        assertThat(row.get(10)).isEmpty();
        assertThat(row.get(5)).isEqualTo("[]");
    }

    @Test
    void filtersApplyAndAnEmptyExportIsStillWellFormed() {
        String app = unique("export-filter");
        decisions().append("in", draft(app, 0));
        DecisionRecord eu = decisions().append("eu", draft(app, 1).zone("eu"));

        String[] lines = officer()
                .get("/v1/audit/export?format=ndjson&zone=eu&appId=" + app)
                .body()
                .split("\n");
        assertThat(lines).hasSize(1);
        assertThat(Api.JSON.readTree(lines[0]).get("eventId").asString())
                .isEqualTo(eu.eventId().toString());

        assertThat(officer()
                        .get("/v1/audit/export?format=ndjson&appId=none-" + app)
                        .body())
                .isEmpty();
        assertThat(parseCsv(officer()
                        .get("/v1/audit/export?format=csv&appId=none-" + app)
                        .body()))
                .hasSize(1);
    }

    @Test
    void aMissingOrUnknownFormatIsABadRequestListedWithOtherProblems() {
        Reply unknown = officer().get("/v1/audit/export?format=xlsx&outcome=maybe");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(texts(unknown.json().get("errors"), "pointer")).containsExactlyInAnyOrder("/format", "/outcome");

        Reply missing = officer().get("/v1/audit/export");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(texts(missing.json().get("errors"), "pointer")).containsExactly("/format");
    }

    private static DecisionDraft draft(String app, int second) {
        return DecisionDraft.of(app, "subject-" + app).receivedAt(T0.plusSeconds(second));
    }

    /** An independent RFC 4180 reader, so the test does not trust the writer's own quoting. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                assertThat(c).as("a bare CR or LF outside quotes").isNotIn('\r', '\n');
                field.append(c);
            }
        }
        assertThat(field).as("the last line ends with CRLF").isEmpty();
        return rows;
    }
}
