package io.consentinel.console;

import io.consentinel.consent.ConsentReceipts;
import io.consentinel.security.Caller;
import io.consentinel.subjects.SubjectRights;
import io.consentinel.web.ProblemException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** Subject: look up, consent history as a timeline, decisions and stored events; erasure for admins. */
@Controller
class SubjectPage {

    private final SubjectRights subjects;
    private final ConsentReceipts receipts;
    private final JsonMapper json;

    SubjectPage(SubjectRights subjects, ConsentReceipts receipts, JsonMapper json) {
        this.subjects = subjects;
        this.receipts = receipts;
        this.json = json;
    }

    @GetMapping("/subjects")
    String lookup(@RequestParam(required = false) String subjectId, Model model) {
        model.addAttribute("subjectId", subjectId == null ? "" : subjectId);
        if (subjectId != null && !subjectId.isBlank()) {
            try {
                model.addAttribute("report", subjects.report(subjectId.trim()));
                model.addAttribute("pretty", new Pretty(json));
            } catch (ProblemException e) {
                if (e.getStatusCode().value() != HttpStatus.NOT_FOUND.value()) {
                    throw e;
                }
                model.addAttribute("unknown", true);
            }
        }
        return "subject";
    }

    /**
     * A consent record's receipt as a JSON file, for {@code verify receipt}. As in the API, a record that is
     * not the named subject's is unknown.
     */
    @GetMapping("/subjects/receipt")
    ResponseEntity<ConsentReceipts.Receipt> receipt(@RequestParam String subjectId, @RequestParam UUID recordId) {
        // Trimmed as the look-up trims it, so the link of a page looked up with stray spaces works.
        if (!recordIds(subjects.report(subjectId.trim())).contains(recordId.toString())) {
            throw ProblemException.notFound("The record");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("consent-receipt-" + recordId + ".json")
                                .build()
                                .toString())
                .body(receipts.of(recordId));
    }

    private static Set<String> recordIds(Map<String, Object> report) {
        Set<String> ids = new HashSet<>();
        if (report.get("consent") instanceof Map<?, ?> consent && consent.get("records") instanceof List<?> records) {
            for (Object record : records) {
                if (record instanceof Map<?, ?> fields && fields.get("recordId") != null) {
                    ids.add(fields.get("recordId").toString());
                }
            }
        }
        return ids;
    }

    /** Erasure asks for the subject id typed a second time: an officer's slip must not erase anyone. */
    @PostMapping("/subjects/erase")
    String erase(
            @RequestParam String subjectId,
            @RequestParam(defaultValue = "") String confirmation,
            Caller caller,
            Model model) {
        model.addAttribute("subjectId", subjectId);
        if (!subjectId.equals(confirmation.trim())) {
            model.addAttribute(
                    "eraseError", "Nothing was erased: type the subject id exactly as shown to confirm the erasure.");
            model.addAttribute("report", subjects.report(subjectId));
            model.addAttribute("pretty", new Pretty(json));
            return "subject";
        }
        Map<String, Object> result = subjects.erase(subjectId, caller);
        model.addAttribute("erased", result);
        return "erased";
    }

    /** Formats stored attributes for a {@code <pre>}; the text is escaped by the template like any other. */
    record Pretty(JsonMapper json) {
        public String of(Object value) {
            return value == null ? "" : json.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        }
    }
}
