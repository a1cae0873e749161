package io.consentinel.console;

import io.consentinel.events.DryRun;
import io.consentinel.policy.PolicyReads;
import io.consentinel.web.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Policy: the active version and its history, a diff of two versions, and the dry-run form. */
@Controller
class PolicyPage {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    static final String EXAMPLE_EVENT = """
            {
              "eventId": "3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11",
              "appId": "mi-browser",
              "subjectId": "u-1",
              "type": "browsing.page_view",
              "occurredAt": "2026-11-24T09:59:58Z",
              "jurisdiction": "IN",
              "attributes": {"url": "https://news.example/story?id=7", "ip": "203.0.113.7", "durationMs": 5300}
            }""";

    private final PolicyReads policies;
    private final DryRun dryRun;
    private final JsonMapper json;

    PolicyPage(PolicyReads policies, DryRun dryRun, JsonMapper json) {
        this.policies = policies;
        this.dryRun = dryRun;
        this.json = json;
    }

    @GetMapping("/policy")
    String policy(@RequestParam(required = false) String version, Model model) {
        JsonNode shown = version == null || version.isBlank() ? policies.active() : policies.version(version);
        List<Map<String, Object>> versions = policies.versions();
        model.addAttribute("shown", shown.path("version").asString(""));
        model.addAttribute("activatedAt", shown.path("activatedAt").asString(""));
        model.addAttribute("document", yaml(shown));
        model.addAttribute("versions", versions);
        return "policy";
    }

    @GetMapping("/policy/diff")
    String diff(@RequestParam String from, @RequestParam String to, Model model) {
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("lines", LineDiff.between(yaml(policies.version(from)), yaml(policies.version(to))));
        model.addAttribute("versions", policies.versions());
        return "policy-diff";
    }

    @GetMapping("/policy/dry-run")
    String dryRunForm(Model model) {
        model.addAttribute("event", EXAMPLE_EVENT);
        model.addAttribute("draft", "");
        return "dry-run";
    }

    /** A dry run changes nothing, but it is a POST with a body, so it carries the CSRF token like every form. */
    @PostMapping("/policy/dry-run")
    String dryRun(@RequestParam String event, @RequestParam(defaultValue = "") String draft, Model model) {
        model.addAttribute("event", event);
        model.addAttribute("draft", draft);
        ObjectNode body = json.createObjectNode();
        body.set("event", parse(event, "The event"));
        if (!draft.isBlank()) {
            body.set("policy", parse(draft, "The draft policy"));
        }
        Map<String, Object> result = dryRun.evaluate(body);
        model.addAttribute("result", result);
        model.addAttribute(
                "stored",
                result.get("storedAttributes") == null
                        ? null
                        : json.writerWithDefaultPrettyPrinter().writeValueAsString(result.get("storedAttributes")));
        return "dry-run";
    }

    /** JSON or YAML (YAML reads both), as the policy API accepts. A syntax error never quotes the text. */
    private static JsonNode parse(String text, String what) {
        try {
            return YAML.readTree(text);
        } catch (JacksonException e) {
            throw ProblemException.badRequest(what + " is neither valid JSON nor valid YAML");
        }
    }

    private static String yaml(JsonNode document) {
        ObjectNode copy = ((ObjectNode) document).deepCopy();
        copy.remove("activatedAt");
        return YAML.writeValueAsString(copy);
    }
}
