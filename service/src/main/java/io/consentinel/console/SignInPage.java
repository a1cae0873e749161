package io.consentinel.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page, and the page shown when a signed-in officer may not do something. */
@Controller
class SignInPage {

    @GetMapping("/signin")
    String signIn(@RequestParam(required = false) String error, Model model, HttpServletRequest request) {
        if ("role".equals(error)) {
            model.addAttribute(
                    "error", "App and collector keys cannot sign in to the console. Use an officer or admin key.");
        } else if (error != null) {
            model.addAttribute("error", "That key is unknown or revoked. Check it and try again.");
        }
        model.addAttribute("signedOut", request.getParameter("signedout") != null);
        return "signin";
    }

    @RequestMapping("/denied")
    String denied(Model model, HttpServletRequest request) {
        Object reason = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
        model.addAttribute("csrf", reason instanceof CsrfException);
        return "denied";
    }
}
