package io.consentinel.security;

import io.consentinel.control.ControlClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.web.filter.GenericFilterBean;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the {@link DirectRoute}s (consent appends, events) without Spring Security's filter chain,
 * Spring Session's wrappers and Spring MVC's dispatch, which cost those requests about half of the
 * service's CPU (docs/BENCHMARKS.md, "A direct path for the hot routes"). It runs after the edge filters
 * (security headers, body and parameter limits) and inside the HTTP metrics.
 *
 * <p>It serves only a request with nothing to argue about: {@code POST} to a route's plain path, no query
 * string, no {@code Origin}, a JSON body in UTF-8, an {@code Accept} that takes plain JSON, and a bearer
 * key that is known and whose role the controller method allows. Any other request goes on down the
 * chain exactly as it came, so its 401, 403, 404, 405, 406, 415 or 503 comes from the same code as
 * always. A body that is not a JSON object goes on too, replayed from the bytes read, so that its 400 is
 * the controller's. Once served, an error goes through the same problem handler as the controller's.
 *
 * <p>Like {@link ApiKeyAuthenticationFilter}, it catches up with the change log before recognising the key,
 * except for a route {@link DirectRoute#confirmedBeforeCommit confirmed before commit}, which confirms the
 * key and everything else it decided on before it writes ({@link KeyConfirmations}).
 */
final class DirectRoutes extends GenericFilterBean {

    private final List<Served> routes;
    private final ControlClock clock;
    private final KeyRegistry keys;
    private final JsonMapper json;
    private final HandlerExceptionResolver problems;
    /** Spring Security's default headers, which its chain writes on every API answer. */
    private final List<HeaderWriter> headers = List.of(
            new XContentTypeOptionsHeaderWriter(),
            new XXssProtectionHeaderWriter(),
            new CacheControlHeadersWriter(),
            new HstsHeaderWriter(),
            new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));

    DirectRoutes(
            List<DirectRoute> routes,
            ControlClock clock,
            KeyRegistry keys,
            JsonMapper json,
            HandlerExceptionResolver problems,
            MeterRegistry meters) {
        this.routes = routes.stream()
                .map(route -> new Served(
                        route,
                        HandlerRoles.of(route.handler().getDeclaringClass(), route.handler())
                                .orElse(List.of()),
                        Counter.builder("consentinel.http.direct")
                                .description("API requests served without Spring MVC and Spring Security's chain")
                                .tag("uri", route.pattern())
                                .register(meters)))
                .toList();
        this.clock = clock;
        this.keys = keys;
        this.json = json;
        this.problems = problems;
    }

    @Override
    public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Matched matched = plainRequestFor(request);
        ApiKeyAuthentication caller = matched == null ? null : allowedCaller(request, matched.served());
        if (caller == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = bodyOf(request);
        } catch (IOException unreadable) {
            // As Spring MVC reports a body it could not read (too large, or the client went away).
            writeSecurityHeaders(request, response);
            answerProblem(
                    request,
                    response,
                    new HttpMessageNotReadableException(
                            "I/O error while reading input message",
                            unreadable,
                            new ServletServerHttpRequest(request)));
            return;
        }
        JsonNode document = objectIn(body);
        if (document == null) {
            chain.doFilter(new Replayed(request, body), response);
            return;
        }
        serve(request, response, matched, caller, document);
    }

    /** Bodies up to this size with a declared length are read into an array of exactly that length. */
    static final int EXACT_READ_UP_TO = 64 * 1024;

    /**
     * The whole body. {@code readAllBytes} starts with a 16 KiB buffer and copies the result out of it: for
     * a single event of under a kilobyte that was a fifth of everything the service allocated per event
     * (docs/BENCHMARKS.md, 4 December 2026). A declared length (at most the body limit, which an edge filter
     * has enforced) up to {@link #EXACT_READ_UP_TO} is read into an array of that size; a body that ends
     * early keeps what came, as {@code readAllBytes} would.
     */
    static byte[] bodyOf(HttpServletRequest request) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared < 0 || declared > EXACT_READ_UP_TO) {
            return request.getInputStream().readAllBytes();
        }
        byte[] body = new byte[(int) declared];
        int read = request.getInputStream().readNBytes(body, 0, body.length);
        return read == body.length ? body : Arrays.copyOf(body, read);
    }

    private void serve(
            HttpServletRequest request,
            HttpServletResponse response,
            Matched matched,
            ApiKeyAuthentication caller,
            JsonNode body)
            throws IOException, ServletException {
        ServerHttpObservationFilter.findObservationContext(request)
                .ifPresent(context ->
                        context.setPathPattern(matched.served().route().pattern()));
        matched.served().count().increment();
        writeSecurityHeaders(request, response);
        DirectRoute.Answer answer;
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(caller);
        SecurityContextHolder.setContext(context);
        try {
            answer = matched.served().route().serve(matched.pathVariable(), body, (Caller) caller.getPrincipal());
        } catch (RuntimeException failed) {
            answerProblem(request, response, failed);
            return;
        } finally {
            SecurityContextHolder.clearContext();
        }
        response.setStatus(answer.status());
        if (answer.body() != null) {
            // Whole, with its length: Tomcat then sends headers and body in one write when the request ends,
            // where a streamed answer was chunked and took a flush, a write and a closing chunk.
            byte[] bytes = json.writeValueAsBytes(answer.body());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(bytes.length);
            response.getOutputStream().write(bytes);
        }
    }

    /** On every answer from here, as Spring Security's chain writes them on every answer from there. */
    private void writeSecurityHeaders(HttpServletRequest request, HttpServletResponse response) {
        headers.forEach(writer -> writer.writeHeaders(request, response));
    }

    private void answerProblem(HttpServletRequest request, HttpServletResponse response, Exception failed)
            throws ServletException {
        if (problems.resolveException(request, response, null, failed) == null) {
            throw new ServletException(failed);
        }
    }

    /** The route and its path variable, when the request is one this filter may serve; else null. */
    private Matched plainRequestFor(HttpServletRequest request) {
        if (!HttpMethod.POST.matches(request.getMethod())
                || request.getQueryString() != null
                || request.getHeader("Origin") != null
                || !plainJsonBody(request.getContentType())
                || !acceptsPlainJson(request.getHeader("Accept"))) {
            return null;
        }
        String path = request.getRequestURI();
        for (Served served : routes) {
            String variable = served.route().match(path);
            if (variable != null) {
                return new Matched(served, variable);
            }
        }
        return null;
    }

    /** The caller, when it presents a known bearer key whose role the route allows; else null. */
    private ApiKeyAuthentication allowedCaller(HttpServletRequest request, Served served) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            Optional<String> key = PresentedKeys.of(request);
            if (key.isEmpty()) {
                return null;
            }
            boolean confirmedLater = served.route().confirmedBeforeCommit();
            if (!confirmedLater) {
                clock.catchUp(); // as ApiKeyAuthenticationFilter: a key revoked on another node fails at once
            }
            String hash = KeyHashes.hash(key.get());
            Caller caller = keys.recogniseHash(hash).orElse(null);
            if (caller == null || !served.allowed().contains(caller.role())) {
                return null;
            }
            return confirmedLater
                    ? ApiKeyAuthentication.recognisedFromCache(caller, hash)
                    : ApiKeyAuthentication.authenticated(caller, hash);
        } catch (RuntimeException notHere) {
            // A malformed key or an unreachable control store: the chain answers it, as it always has.
            return null;
        }
    }

    private static boolean plainJsonBody(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()))
                    && type.getParameters().size() <= (type.getCharset() == null ? 0 : 1);
        } catch (RuntimeException unparsable) {
            return false;
        }
    }

    private static boolean acceptsPlainJson(String accept) {
        return accept == null
                || accept.isBlank()
                || accept.equals(MediaType.ALL_VALUE)
                || accept.equals(MediaType.APPLICATION_JSON_VALUE);
    }

    /** The body as a JSON object, or null when it is anything else, for the controller to refuse. */
    private JsonNode objectIn(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode document = json.readTree(body);
            return document != null && document.isObject() ? document : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private record Served(DirectRoute route, List<Role> allowed, Counter count) {}

    private record Matched(Served served, String pathVariable) {}

    /** The request as it came, with the body already read served again from memory. */
    private static final class Replayed extends HttpServletRequestWrapper {

        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
