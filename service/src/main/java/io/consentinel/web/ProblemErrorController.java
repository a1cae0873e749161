package io.consentinel.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page that Tomcat forwards to when it refuses a request itself (a TRACE, a method it does not
 * know, a parameter count over the limit): the same problem document the API writes everywhere else,
 * instead of Spring Boot's default JSON. Nothing of the request or the exception is echoed, and nothing
 * is logged: these are client errors.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c && c >= 400 && c < 600 ? c : 500;
        return ResponseEntity.status(status)
                .contentType(MediaType.parseMediaType(EdgeProblems.CONTENT_TYPE))
                .body(EdgeProblems.json(status));
    }
}
