package io.consentinel.subjects;

import io.consentinel.security.Caller;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The subject-rights API for the officer console: the access report and erasure, run exactly as
 * {@code GET /v1/subjects/{id}/report} and {@code DELETE /v1/subjects/{id}} run them, answers in the API's shape.
 */
@Component
public class SubjectRights {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final SubjectController subjects;
    private final JsonMapper json;

    SubjectRights(SubjectController subjects, JsonMapper json) {
        this.subjects = subjects;
        this.json = json;
    }

    public Map<String, Object> report(String subjectId) {
        return json.convertValue(subjects.report(subjectId), MAP);
    }

    /** Erasure; the caller must be an admin, which the console's security rules check before this runs. */
    public Map<String, Object> erase(String subjectId, Caller caller) {
        return json.convertValue(subjects.erase(subjectId, caller), MAP);
    }
}
