package io.consentinel.audit;

import io.consentinel.support.Api;
import io.consentinel.support.IntegrationTest;
import io.consentinel.zones.SubjectPseudonyms;
import io.consentinel.zones.ZoneStores;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The audit tests' shared set-up: an officer's client and the chained-decision fixture. */
abstract class AuditTest extends IntegrationTest {

    private static String officerKey;

    @Autowired
    private ZoneStores stores;

    @Autowired
    private SubjectPseudonyms pseudonyms;

    private ChainedDecisions decisions;

    ChainedDecisions decisions() {
        if (decisions == null) {
            decisions = new ChainedDecisions(stores, pseudonyms);
        }
        return decisions;
    }

    /** A client acting with an officer key, the role this API is for. */
    Api officer() {
        synchronized (AuditTest.class) {
            if (officerKey == null) {
                officerKey = api().issueKey("officer", null);
            }
        }
        return api().as(officerKey);
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asString()));
        return values;
    }

    static String unique(String prefix) {
        return Api.unique(prefix);
    }
}
