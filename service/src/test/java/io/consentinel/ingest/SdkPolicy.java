package io.consentinel.ingest;

import io.consentinel.support.Api;
import tools.jackson.databind.node.ObjectNode;

/**
 * Extends the active policy with event types for SDK message shapes and their event names. Only adds:
 * tests share one application, so nothing another test relies on may change.
 */
final class SdkPolicy {

    static final String SEGMENT_FIELDS = """
            {"purpose": "analytics", "fields": {
              "properties.song": "preference.music", "properties.url": "behaviour.browsing",
              "properties.durationMs": "technical", "traits.plan": "technical",
              "context.ip": "network.ip", "context.device.id": "device.identifier",
              "context.device.advertisingId": "advertising.identifier", "context.library": "technical",
              "context.location.country": "technical"}}""";

    static final String OTEL_FIELDS = """
            {"purpose": "analytics", "fields": {
              "device.id": "device.identifier", "client.address": "network.ip", "url.full": "behaviour.browsing",
              "service.name": "technical", "body": "technical", "song.title": "preference.music"}}""";

    private SdkPolicy() {}

    static synchronized void install(Api admin) {
        ObjectNode policy = (ObjectNode) admin.get("/v1/policy").json();
        ObjectNode types = (ObjectNode) policy.get("eventTypes");
        if (types.has("sdk.track")) {
            return;
        }
        policy.remove("activatedAt");
        policy.put("version", Api.unique("sdk"));
        types.set("sdk.track", Api.JSON.readTree(SEGMENT_FIELDS));
        types.set("sdk.page", Api.JSON.readTree(SEGMENT_FIELDS));
        types.set("sdk.log", Api.JSON.readTree(OTEL_FIELDS));
        ObjectNode names =
                policy.has("eventNames") ? (ObjectNode) policy.get("eventNames") : policy.putObject("eventNames");
        names.put("Song Played", "sdk.track");
        names.put("page", "sdk.page");
        names.put("identify", "sdk.track");
        names.put("song.played", "sdk.log");
        var reply = admin.put("/v1/policy", policy);
        if (reply.status() != 201) {
            throw new IllegalStateException("could not install the SDK policy: " + reply);
        }
    }
}
