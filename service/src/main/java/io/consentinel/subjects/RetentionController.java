package io.consentinel.subjects;

import io.consentinel.security.Allowed;
import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs the retention purge now, for an operator who cannot wait for the next scheduled run. */
@RestController
@RequestMapping("/v1/admin/retention")
@Allowed(Role.ADMIN)
class RetentionController {

    private final RetentionPurge purge;

    RetentionController(RetentionPurge purge) {
        this.purge = purge;
    }

    @PostMapping("/purge")
    RetentionPurge.Result purge(Caller caller) {
        return purge.run(RetentionPurge.ON_DEMAND, caller.keyId());
    }
}
