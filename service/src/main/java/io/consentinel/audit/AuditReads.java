package io.consentinel.audit;

import io.consentinel.zones.ZoneStore;
import io.consentinel.zones.ZoneStores;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit API's reads for the officer console, which must never grow a second query path. Each method
 * runs exactly what its endpoint runs, with the same parameter validation, and gives the answer in the
 * API's JSON shape (as maps and lists), so a page shows what {@code curl} would.
 */
@Component
public class AuditReads {

    /** The decision filters every audit read takes (list, export, summary), in API.md's order. */
    public static final List<String> DECISION_FILTERS = DecisionFilter.NAMES;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final AuditDecisionsController decisions;
    private final AuditSummaryController summaries;
    private final AuditExportController exports;
    private final IntegrityController integrity;
    private final ZoneStores stores;
    private final JsonMapper json;

    AuditReads(
            AuditDecisionsController decisions,
            AuditSummaryController summaries,
            AuditExportController exports,
            IntegrityController integrity,
            ZoneStores stores,
            JsonMapper json) {
        this.decisions = decisions;
        this.summaries = summaries;
        this.exports = exports;
        this.integrity = integrity;
        this.stores = stores;
        this.json = json;
    }

    /** {@code GET /v1/audit/decisions}: {@code items} and {@code nextCursor}. */
    public Map<String, Object> decisions(MultiValueMap<String, String> query) {
        return json.convertValue(decisions.list(copy(query)), MAP);
    }

    /** {@code GET /v1/audit/decisions/{eventId}}: the decision and its {@code storedAttributes}. */
    public Map<String, Object> decision(String eventId, String appId) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        if (appId != null) {
            query.add("appId", appId);
        }
        return json.convertValue(decisions.one(eventId, query), MAP);
    }

    /** {@code GET /v1/audit/summary}: {@code total} and {@code groups}. */
    public Map<String, Object> summary(MultiValueMap<String, String> query) {
        return json.convertValue(summaries.summary(copy(query)), MAP);
    }

    /** {@code GET /v1/audit/export}: the streamed CSV or NDJSON answer itself. */
    public ResponseEntity<StreamingResponseBody> export(
            MultiValueMap<String, String> query, HttpServletRequest request) {
        return exports.export(copy(query), request);
    }

    /** {@code GET /v1/audit/integrity?zone=}: the chain check of one store. */
    public Map<String, Object> integrity(String store) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("zone", store);
        return json.convertValue(integrity.integrity(query), MAP);
    }

    /** Every store's name: the residency zones and {@code control}, in a stable order. */
    public List<String> storeNames() {
        return stores.all().stream().map(ZoneStore::name).toList();
    }

    /** The residency zones this deployment has a store for, sorted. */
    public List<String> residencyZones() {
        return stores.residencyZones().stream().sorted().toList();
    }

    private static MultiValueMap<String, String> copy(MultiValueMap<String, String> query) {
        return new LinkedMultiValueMap<>(query);
    }
}
