package io.consentinel.console;

import io.consentinel.audit.AuditReads;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/** Decisions: every audit filter, cursor paging, one decision in full, and the export of a filter. */
@Controller
class DecisionsPage {

    private final AuditReads audit;
    private final JsonMapper json;

    DecisionsPage(AuditReads audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/decisions")
    String list(@RequestParam Map<String, String> form, Model model) {
        MultiValueMap<String, String> query = Filters.of(form, "cursor", "limit");
        model.addAttribute("filters", filterValues(form));
        model.addAttribute("zones", audit.residencyZones());
        model.addAttribute("filtered", !Filters.of(form).isEmpty());
        Map<String, Object> page = audit.decisions(query);
        model.addAttribute("page", page);
        model.addAttribute(
                "paged", form.get("cursor") != null && !form.get("cursor").isBlank());
        model.addAttribute("links", Links.of(form, (String) page.get("nextCursor")));
        return "decisions";
    }

    @GetMapping("/decisions/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam Map<String, String> form, HttpServletRequest request) {
        return audit.export(Filters.of(form, "format"), request);
    }

    @GetMapping("/decisions/{eventId}")
    String one(@PathVariable String eventId, @RequestParam(required = false) String appId, Model model) {
        Map<String, Object> decision = audit.decision(eventId, appId == null || appId.isBlank() ? null : appId);
        model.addAttribute("d", decision);
        Object stored = decision.get("storedAttributes");
        model.addAttribute(
                "stored",
                stored == null ? null : json.writerWithDefaultPrettyPrinter().writeValueAsString(stored));
        return "decision";
    }

    /**
     * The page's links, built here with proper encoding from the filter as typed: the export of this filter,
     * its first page and its next page.
     */
    record Links(String csv, String ndjson, String first, String next) {

        static Links of(Map<String, String> form, String nextCursor) {
            MultiValueMap<String, String> filter = Filters.of(form);
            MultiValueMap<String, String> paging = Filters.of(form, "limit");
            return new Links(
                    url("/decisions/export", filter, "format", "csv"),
                    url("/decisions/export", filter, "format", "ndjson"),
                    url("/decisions", paging, null, null),
                    nextCursor == null ? null : url("/decisions", paging, "cursor", nextCursor));
        }

        /** Every name and value form-encoded, so '+', '&' and '{' in a typed filter stay what they were. */
        private static String url(String path, MultiValueMap<String, String> query, String name, String value) {
            StringJoiner parameters = new StringJoiner("&");
            query.forEach((n, values) -> values.forEach(v -> parameters.add(encode(n) + "=" + encode(v))));
            if (name != null) {
                parameters.add(encode(name) + "=" + encode(value));
            }
            return parameters.length() == 0 ? path : path + "?" + parameters;
        }

        private static String encode(String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }

    /** The form's current values, so the page shows the filter it answers. */
    private static Map<String, String> filterValues(Map<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : Filters.NAMES) {
            values.put(name, form.getOrDefault(name, ""));
        }
        values.put("limit", form.getOrDefault("limit", ""));
        return values;
    }
}
