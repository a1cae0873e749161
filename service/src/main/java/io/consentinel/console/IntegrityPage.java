package io.consentinel.console;

import io.consentinel.audit.AuditReads;
import io.consentinel.transparency.Checkpoints;
import io.consentinel.transparency.Logs;
import io.consentinel.transparency.TransparencyLog;
import io.consentinel.web.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Integrity: per transparency log, the latest signed checkpoint and the consistency check against the
 * pinned one; per store, the hash-chain check of {@code GET /v1/audit/integrity}. The downloads are the
 * signed note of {@code GET /v1/audit/log/checkpoint} and the key of {@code /key}, for {@code verify}.
 */
@Controller
class IntegrityPage {

    private static final MediaType TEXT = MediaType.parseMediaType("text/plain; charset=utf-8");

    private final AuditReads audit;
    private final Logs logs;
    private final Checkpoints checkpoints;
    private final LogIntegrity integrity;

    IntegrityPage(AuditReads audit, Logs logs, Checkpoints checkpoints, LogIntegrity integrity) {
        this.audit = audit;
        this.logs = logs;
        this.checkpoints = checkpoints;
        this.integrity = integrity;
    }

    @GetMapping("/integrity")
    String integrity(Model model) {
        List<LogIntegrity.Status> statuses =
                logs.all().stream().map(integrity::check).toList();
        List<Map<String, Object>> reports =
                audit.storeNames().stream().map(audit::integrity).toList();
        model.addAttribute("logs", statuses);
        model.addAttribute("reports", reports);
        return "integrity";
    }

    @GetMapping("/integrity/checkpoint")
    ResponseEntity<String> checkpoint(@RequestParam String log) {
        TransparencyLog found = log(log);
        return download(found.name() + ".checkpoint", checkpoints.current(found).note());
    }

    @GetMapping("/integrity/key")
    ResponseEntity<String> key(@RequestParam String log) {
        TransparencyLog found = log(log);
        return download(found.name() + ".vkey", checkpoints.verifierKey(found) + "\n");
    }

    private TransparencyLog log(String name) {
        return logs.byName(name).orElseThrow(() -> ProblemException.notFound("The log"));
    }

    private static ResponseEntity<String> download(String filename, String body) {
        return ResponseEntity.ok()
                .contentType(TEXT)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename)
                                .build()
                                .toString())
                .body(body);
    }
}
