package io.consentinel.console;

import io.consentinel.web.Violation;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Console errors are pages with sentences, not problem documents or stack traces. The API's problem
 * details are shown as they are: their details never quote a submitted value.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(Exception.class)
    String problem(Exception error, Model model, HttpServletResponse response) {
        ConsoleModel signedIn = new ConsoleModel();
        model.addAttribute("signedIn", signedIn.signedIn());
        model.addAttribute("admin", signedIn.admin());
        if (error instanceof ErrorResponse known) {
            ProblemDetail body = known.getBody();
            response.setStatus(known.getStatusCode().value());
            model.addAttribute(
                    "title", body.getTitle() == null ? "The request could not be completed" : body.getTitle());
            model.addAttribute("detail", sentence(body.getDetail()));
            model.addAttribute("problems", problems(body));
        } else if (error instanceof DataAccessResourceFailureException
                || error instanceof CannotCreateTransactionException) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            response.setHeader("Retry-After", "5");
            model.addAttribute("title", "A store is unavailable");
            model.addAttribute("detail", "A store is unreachable or too busy. Try again in a moment.");
            model.addAttribute("problems", List.of());
        } else {
            // As in the API: type and stack only, since a message may echo input.
            log.error("Unexpected console error: {}", error.getClass().getName());
            response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
            model.addAttribute("title", "Something went wrong");
            model.addAttribute(
                    "detail",
                    "An unexpected error occurred and has been logged. Try again, or go back to the overview.");
            model.addAttribute("problems", List.of());
        }
        return "problem";
    }

    /** The API's per-field problems, as "where: what" sentences. */
    static List<String> problems(ProblemDetail body) {
        List<String> lines = new ArrayList<>();
        Map<String, Object> properties = body.getProperties();
        if (properties != null && properties.get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                lines.add(describe(error));
            }
        }
        return lines;
    }

    private static String describe(Object error) {
        String pointer = read(error, "pointer");
        String detail = read(error, "detail");
        String where = pointer == null || pointer.isEmpty() ? "The request" : field(pointer);
        return where + ": " + (detail == null ? "is not valid" : detail) + ".";
    }

    /** "/from" reads "From", "/event/occurredAt" reads "Event › occurredAt". */
    private static String field(String pointer) {
        String[] parts = pointer.substring(1).split("/");
        StringBuilder text = new StringBuilder();
        for (String part : parts) {
            if (!text.isEmpty()) {
                text.append(" › ");
            }
            text.append(part);
        }
        return text.isEmpty() ? "The request" : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String read(Object error, String name) {
        if (error instanceof Violation violation) {
            return "pointer".equals(name) ? violation.pointer() : violation.detail();
        }
        if (error instanceof Map<?, ?> map && map.get(name) != null) {
            return map.get(name).toString();
        }
        return null;
    }

    private static String sentence(String detail) {
        if (detail == null || detail.isBlank()) {
            return "The request could not be completed.";
        }
        return detail.endsWith(".") ? detail : detail + ".";
    }
}
