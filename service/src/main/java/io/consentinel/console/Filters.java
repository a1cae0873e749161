package io.consentinel.console;

import io.consentinel.audit.AuditReads;
import java.util.List;
import java.util.Map;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The decision filters of the console's forms, passed to the audit API exactly as typed. A form sends
 * every field, most of them empty; an empty field means "no filter", so it is left out.
 */
final class Filters {

    static final List<String> NAMES = AuditReads.DECISION_FILTERS;

    private Filters() {}

    /** The non-empty filters among {@code form}, plus any of {@code extra} that are present. */
    static MultiValueMap<String, String> of(Map<String, String> form, String... extra) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        for (String name : NAMES) {
            add(query, form, name);
        }
        for (String name : extra) {
            add(query, form, name);
        }
        return query;
    }

    private static void add(MultiValueMap<String, String> query, Map<String, String> form, String name) {
        String value = form.get(name);
        if (value != null && !value.isBlank()) {
            query.add(name, value.trim());
        }
    }
}
