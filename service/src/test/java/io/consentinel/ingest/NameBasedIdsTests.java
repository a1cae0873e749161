package io.consentinel.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Version 5 ids must match every other RFC 9562 implementation, so every node (and any auditor) derives the same one. */
class NameBasedIdsTests {

    @Test
    void nameBasedIdsMatchAnIndependentImplementation() {
        // Expected values from Python's uuid.uuid5 in the namespace c0a5e7a1-5e4f-4f0e-9a57-6c0d1a7e2b11.
        assertThat(NameBasedIds.eventId("node-next-1764000000000-abc"))
                .isEqualTo("c9a0d942-5304-53ac-963f-3206dc7ad50e");
        assertThat(NameBasedIds.eventId("ünïcode-id")).isEqualTo("42f076dc-7f2e-52f3-ac17-49a348f8f5a5");
    }

    @Test
    void aUuidIsKeptAsItIsInLowerCase() {
        assertThat(NameBasedIds.eventId("3F1C2A4E-8D0B-4A59-9D7E-2F6C1B0A9E11"))
                .isEqualTo("3f1c2a4e-8d0b-4a59-9d7e-2f6c1b0a9e11");
    }
}
