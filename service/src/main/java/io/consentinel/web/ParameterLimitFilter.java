package io.consentinel.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose query or form parameters break Tomcat's limits ({@code
 * server.tomcat.max-parameter-count}) with 400, before any handler runs. Tomcat parses parameters lazily
 * and throws from whichever call asks first, which surfaced as a 500 with a stack trace in the log: an
 * unauthenticated way to flood it. Parsing here, once, makes it an ordinary client error, logged nowhere.
 * Requests without a query string or a form body have no parameters and are not touched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class ParameterLimitFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (mayCarryParameters(request)) {
            try {
                request.getParameterMap();
            } catch (InvalidParameterException e) {
                int status = HttpStatus.BAD_REQUEST.value();
                response.setStatus(status);
                response.setContentType(EdgeProblems.CONTENT_TYPE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write(EdgeProblems.json(status));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean mayCarryParameters(HttpServletRequest request) {
        String type = request.getContentType();
        return request.getQueryString() != null
                || (type != null
                        && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")));
    }
}
