package io.consentinel.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A thin java.net.http client: HTTP/1.1 keep-alive connections, bounded timeouts, status checked. */
final class Api {
    private final String base;
    private final HttpClient client;

    Api(String base, int connections) {
        this.base = base;
        HttpClient.Builder builder = HttpClient.newBuilder();
        // The load generator shares the machine with the service: the HTTP client's callbacks run on its
        // selector thread instead of hopping to a pool, which costs about a third of the CPU per request.
        switch (System.getProperty("bench.clientExecutor", "direct")) {
            case "direct" -> builder.executor(Runnable::run);
            case "virtual" -> builder.executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
            default -> {}
        }
        this.client = builder.version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    String send(String method, String path, String key, String body, int expected) {
        // Open paths (the actuator) take no key: Spring Security answers a key it does not know with 401 anywhere.
        return sendAuthorized(method, path, key == null ? null : "Bearer " + key, body, expected);
    }

    /** As Segment's SDKs send: HTTP Basic with the write key (here the app key) as user name and no password. */
    String sendBasic(String method, String path, String key, String body, int expected) {
        String credentials = java.util.Base64.getEncoder()
                .encodeToString((key + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return sendAuthorized(method, path, "Basic " + credentials, body, expected);
    }

    private String sendAuthorized(String method, String path, String authorization, String body, int expected) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                String text = response.body();
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + text.substring(0, Math.min(500, text.length())));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
