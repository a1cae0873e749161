package io.consentinel.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An unknown console path answers a page with a sentence, not a problem document. Paths of the API, the
 * ingest endpoints, the probes, the actuator and the API description keep their problem details: this
 * resolver declines them, and the service's own {@code ProblemHandler} answers as before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleNotFound implements HandlerExceptionResolver {

    /** The prefixes that are not the console (the API and open chains of the security configuration). */
    static final List<String> NOT_CONSOLE = List.of(
            "/v1",
            "/compat",
            "/otlp",
            "/actuator",
            "/v3/api-docs",
            "/swagger-ui",
            "/swagger-ui.html",
            "/readyz",
            "/livez",
            "/error");

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception error) {
        if (!(error instanceof NoResourceFoundException || error instanceof NoHandlerFoundException)) {
            return null;
        }
        if (!console(request.getRequestURI().substring(request.getContextPath().length()))) {
            return null;
        }
        ConsoleModel model = new ConsoleModel();
        ModelAndView page = new ModelAndView("not-found", HttpStatus.NOT_FOUND);
        page.addObject("signedIn", model.signedIn());
        page.addObject("admin", model.admin());
        return page;
    }

    static boolean console(String path) {
        return NOT_CONSOLE.stream().noneMatch(prefix -> path.equals(prefix) || path.startsWith(prefix + "/"));
    }
}
