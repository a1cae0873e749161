package io.consentinel.consent;

import io.consentinel.decision.Policy;
import io.consentinel.web.CountryCodes;
import io.consentinel.web.JsonFields;
import io.consentinel.web.StorableText;
import io.consentinel.web.Violations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Validates a consent request against API.md and the active policy, reporting every problem at once. */
final class ConsentRequests {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_TC_STRING = 8192;
    private static final Set<String> KNOWN = Set.of(
            "jurisdiction",
            "purposes",
            "noticeVersion",
            "capturedAt",
            "expiresAt",
            "source",
            "child",
            "tcString",
            "gpc",
            "gppString");

    private ConsentRequests() {}

    /**
     * @param maxBackdate how far before {@code now} {@code capturedAt} may lie
     * @param mayImport whether an older {@code capturedAt} is accepted (as an imported record) instead of refused
     */
    static ConsentCommand validate(JsonNode body, Policy policy, Instant now, Duration maxBackdate, boolean mayImport) {
        Violations v = new Violations();
        if (body == null || !body.isObject()) {
            v.add("", "the body must be a JSON object").throwIfAny();
        }
        body.propertyNames().forEach(name -> {
            if (!KNOWN.contains(name)) {
                v.add("/" + Violations.token(name), "unknown property");
            }
        });
        String jurisdiction = JsonFields.text(body, "jurisdiction", v, true);
        if (jurisdiction != null && !CountryCodes.isAlpha2(jurisdiction)) {
            v.add("/jurisdiction", CountryCodes.PROBLEM);
        }
        String noticeVersion = JsonFields.text(body, "noticeVersion", v, true);
        String source = JsonFields.text(body, "source", v, false);
        Map<String, String> purposes = purposes(body.get("purposes"), policy, v);
        String tcString = body.has("tcString") && !body.get("tcString").isNull() ? tcString(body, v) : null;
        Boolean gpc = bool(body, "gpc", v);
        String gppString = body.has("gppString") && !body.get("gppString").isNull() ? gppString(body, v) : null;
        Boolean child = bool(body, "child", v);
        if (purposes.isEmpty() && tcString == null && gppString == null && gpc == null && !body.has("purposes")) {
            v.add("", "at least one of purposes, tcString, gppString or gpc is required");
        }
        Instant capturedAt = JsonFields.time(body, "capturedAt", v, false);
        if (capturedAt != null && capturedAt.isAfter(now.plus(CLOCK_SKEW))) {
            v.add("/capturedAt", "is in the future (more than " + CLOCK_SKEW.toMinutes() + " minutes ahead)");
        }
        boolean imported = false;
        if (capturedAt != null && capturedAt.isBefore(now.minus(maxBackdate))) {
            if (mayImport) {
                imported = true;
            } else {
                v.add(
                        "/capturedAt",
                        "is more than " + maxBackdate + " before receipt: a record cannot be backdated"
                                + " to cover events that occurred before it (only an admin may import older records)");
            }
        }
        Instant expiresAt = JsonFields.time(body, "expiresAt", v, false);
        Instant effectiveCapture = capturedAt == null ? now : capturedAt;
        if (expiresAt != null && !expiresAt.isAfter(effectiveCapture)) {
            v.add("/expiresAt", "must be after capturedAt");
        }
        v.throwIfAny();
        return new ConsentCommand(
                jurisdiction,
                noticeVersion,
                purposes,
                effectiveCapture,
                expiresAt,
                source,
                child,
                tcString,
                gpc,
                gppString,
                imported);
    }

    private static Map<String, String> purposes(JsonNode node, Policy policy, Violations v) {
        Map<String, String> purposes = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return purposes;
        }
        if (!node.isObject()) {
            v.add("/purposes", "must be an object of purpose to \"granted\" or \"denied\"");
            return purposes;
        }
        node.properties().forEach(entry -> {
            String pointer = "/purposes/" + Violations.token(entry.getKey());
            if (!StorableText.isStorable(entry.getKey())) {
                v.add(pointer, "purpose names " + StorableText.PROBLEM);
            } else if (!policy.purposes().contains(entry.getKey())) {
                v.add(pointer, "is not a purpose of the active policy " + policy.version());
            }
            String status = entry.getValue().isString() ? entry.getValue().asString() : null;
            if (!"granted".equals(status) && !"denied".equals(status)) {
                v.add(pointer, "must be \"granted\" or \"denied\"");
            } else {
                purposes.put(entry.getKey(), status);
            }
        });
        return purposes;
    }

    private static String gppString(JsonNode body, Violations v) {
        JsonNode node = body.get("gppString");
        if (!node.isString()
                || node.asString().isBlank()
                || node.asString().length() > MAX_TC_STRING
                || !StorableText.isStorable(node.asString())) {
            v.add("/gppString", "must be a non-empty string of at most " + MAX_TC_STRING + " storable characters");
            return null;
        }
        String refusal = GppStrings.decode(node.asString()).refusal();
        if (refusal != null) {
            v.add("/gppString", refusal);
        }
        return node.asString();
    }

    private static String tcString(JsonNode body, Violations v) {
        JsonNode node = body.get("tcString");
        if (!node.isString() || node.asString().isBlank()) {
            v.add("/tcString", "must be a non-empty string");
            return null;
        }
        if (node.asString().length() > MAX_TC_STRING) {
            v.add("/tcString", "at most " + MAX_TC_STRING + " characters");
            return null;
        }
        if (!StorableText.isStorable(node.asString())) {
            v.add("/tcString", StorableText.PROBLEM);
            return null;
        }
        String refusal = TcStrings.decode(node.asString()).refusal();
        if (refusal != null) {
            v.add("/tcString", refusal);
        }
        return node.asString();
    }

    private static Boolean bool(JsonNode body, String name, Violations v) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            v.add("/" + name, "must be true or false");
            return null;
        }
        return node.asBoolean();
    }
}
