package io.consentinel.web;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The problem documents for errors the web server raises itself, before or outside a controller: a bad
 * path, an oversized header, too many parameters, an unsupported method. They name the status only: the
 * server's own message can quote the request line, which may carry personal data.
 */
final class EdgeProblems {

    static final String CONTENT_TYPE = "application/problem+json";

    private EdgeProblems() {}

    static String detail(int status) {
        return switch (status) {
            case 400 ->
                "The request could not be accepted: its path, headers or parameters are malformed or over a"
                        + " configured limit";
            case 404 -> "No resource at this path";
            case 405 -> "The method is not supported for this resource";
            case 408 -> "The request took too long to arrive";
            case 413 -> "The request body is larger than allowed";
            case 414 -> "The request line is longer than allowed";
            case 431 -> "The request headers are larger than allowed";
            case 501 -> "The method is not implemented by this server";
            default -> status >= 500 ? "The server could not handle the request" : "The request could not be handled";
        };
    }

    /** The document as JSON text, built by hand: the valve writes it where no message converter exists. */
    static String json(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String slug =
                known == null ? "error" : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
        // Every value here comes from the fixed texts above, none from the request: no escaping is needed.
        return "{\"type\":\"" + ProblemException.TYPE_BASE + slug + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail(status) + "\"}";
    }
}
