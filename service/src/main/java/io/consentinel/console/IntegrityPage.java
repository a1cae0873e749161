package io.consentinel.console;

import io.consentinel.audit.AuditReads;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Integrity: per store, the hash-chain check of {@code GET /v1/audit/integrity}. The signed checkpoints of
 * the verifiable log (issue 11) get their own section on this page when that log lands; the template
 * marks the place.
 */
@Controller
class IntegrityPage {

    private final AuditReads audit;

    IntegrityPage(AuditReads audit) {
        this.audit = audit;
    }

    @GetMapping("/integrity")
    String integrity(Model model) {
        List<Map<String, Object>> reports =
                audit.storeNames().stream().map(audit::integrity).toList();
        model.addAttribute("reports", reports);
        return "integrity";
    }
}
