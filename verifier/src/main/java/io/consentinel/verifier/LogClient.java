package io.consentinel.verifier;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's log endpoints, read with an officer's API key. */
final class LogClient {

    static final int PAGE = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String apiKey;
    private final String log;

    LogClient(String base, String apiKey, String log) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.apiKey = apiKey;
        this.log = URLEncoder.encode(log, StandardCharsets.UTF_8);
    }

    String checkpoint() throws IOException {
        return get("/v1/audit/log/checkpoint?zone=" + log);
    }

    List<byte[]> consistency(long from, long to) throws IOException {
        return hashes(json("/v1/audit/log/proof/consistency?zone=" + log + "&from=" + from + "&to=" + to));
    }

    /** The entries of leaves {@code [start, end)}, a page at a time. */
    List<JsonNode> entries(long start, long end) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        json("/v1/audit/log/entries?zone=" + log + "&start=" + start + "&end=" + end)
                .get("entries")
                .forEach(entries::add);
        return entries;
    }

    static List<byte[]> hashes(JsonNode answer) {
        List<byte[]> hashes = new ArrayList<>();
        answer.get("hashes").forEach(hash -> hashes.add(Base64.getDecoder().decode(hash.asString())));
        return hashes;
    }

    private JsonNode json(String path) throws IOException {
        return JSON.readTree(get(path));
    }

    private String get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey)
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new ServiceAnswer(response.statusCode(), response.body());
        }
        return response.body();
    }

    /** A non-200 answer, with the service's problem detail. */
    static final class ServiceAnswer extends IOException {
        final int status;

        ServiceAnswer(int status, String body) {
            super("the service answered " + status + ": " + detail(body));
            this.status = status;
        }

        private static String detail(String body) {
            try {
                JsonNode problem = JSON.readTree(body);
                return problem.has("detail") ? problem.get("detail").asString() : body;
            } catch (RuntimeException e) {
                return body.length() > 200 ? body.substring(0, 200) : body;
            }
        }
    }
}
