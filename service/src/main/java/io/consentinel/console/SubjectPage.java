package io.consentinel.console;

import io.consentinel.security.Caller;
import io.consentinel.subjects.SubjectRights;
import io.consentinel.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
    private final JsonMapper json;

    SubjectPage(SubjectRights subjects, JsonMapper json) {
        this.subjects = subjects;
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
