package io.consentinel.transparency;

import io.consentinel.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The log's rows no longer extend what was signed, so the service will not sign it (409). */
public class SigningHaltedException extends ProblemException {

    SigningHaltedException(String log, String why) {
        super(
                HttpStatus.CONFLICT,
                "log-signing-halted",
                "Log signing halted",
                "Signing of log '" + log + "' is halted: " + why
                        + ". It resumes once the rows extend the last signed checkpoint again.");
    }
}
