package io.consentinel.console;

import io.consentinel.security.Caller;
import io.consentinel.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows in its header: who is signed in, and whether they may administer. */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
class ConsoleModel {

    @ModelAttribute("signedIn")
    Caller signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller ? caller : null;
    }

    @ModelAttribute("admin")
    boolean admin() {
        Caller caller = signedIn();
        return caller != null && caller.role() == Role.ADMIN;
    }
}
