package io.consentinel.subjects;

import io.consentinel.security.Allowed;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import io.consentinel.web.SubjectIds;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A data subject's rights over HTTP: access (the report) and erasure. */
@RestController
@RequestMapping("/v1/subjects/{subjectId}")
class SubjectController {

    /** As for consent: a subject id is 1 to 200 characters. */
    private final SubjectReports reports;

    private final Erasure erasure;

    SubjectController(SubjectReports reports, Erasure erasure) {
        this.reports = reports;
        this.erasure = erasure;
    }

    @GetMapping("/report")
    @Allowed({Role.OFFICER, Role.ADMIN})
    SubjectReport report(@PathVariable String subjectId) {
        return reports.of(SubjectIds.require(subjectId));
    }

    @DeleteMapping
    @Allowed(Role.ADMIN)
    Erasure.Result erase(@PathVariable String subjectId, Caller caller) {
        return erasure.erase(SubjectIds.require(subjectId), caller);
    }
}
