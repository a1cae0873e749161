package io.consentinel.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for contract tests: what goes over the wire is exactly what a real app sends. */
public final class Api {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String key;

    Api(String base, String key) {
        this.base = base;
        this.key = key;
    }

    /** The same application, acting with another key (null: no Authorization header). */
    public Api as(String otherKey) {
        return new Api(base, otherKey);
    }

    public String base() {
        return base;
    }

    public Reply get(String path) {
        return send(builder(path).GET());
    }

    public Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    public Reply post(String path, Object body) {
        return send(json(path, body).POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    public Reply put(String path, Object body) {
        return send(json(path, body).PUT(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    /** A raw body with an explicit content type, for hostile or non-JSON input. */
    public Reply send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = builder(path).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    /** Issues a key with the admin key and returns its secret. */
    public String issueKey(String role, String appId) {
        String body = appId == null
                ? "{\"role\":\"" + role + "\",\"name\":\"test\"}"
                : "{\"role\":\"" + role + "\",\"appId\":\"" + appId + "\",\"name\":\"test\"}";
        Reply reply = post("/v1/api-keys", body);
        if (reply.status() != 201) {
            throw new IllegalStateException("could not issue a key: " + reply);
        }
        return reply.json().get("key").asString();
    }

    /** The id of the subject's oldest consent record, read from its history with this client's key. */
    public String firstConsentRecordId(String subject) {
        return get("/v1/subjects/" + subject + "/consents/history")
                .json()
                .get("records")
                .get(0)
                .get("recordId")
                .asString();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private HttpRequest.Builder json(String path, Object body) {
        return builder(path).header("Content-Type", "application/json");
    }

    private static String text(Object body) {
        return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, headers and body, with the body parsed on demand. */
    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
