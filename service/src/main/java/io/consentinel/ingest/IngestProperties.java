package io.consentinel.ingest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the SDK adapters. Segment's own: a body of at most 500 KB and a message of at most 32 KB,
 * both counted after decompression. OTLP has no documented limit; the API's 1 MiB applies to what is
 * inflated, too.
 */
@Validated
@ConfigurationProperties("consentinel.ingest")
record IngestProperties(
        @Valid @DefaultValue Segment segment,
        @Valid @DefaultValue Otlp otlp) {

    record Segment(
            @DefaultValue("512000") @Positive long maxBodyBytes,
            @DefaultValue("32768") @Positive long maxMessageBytes) {}

    record Otlp(@DefaultValue("1048576") @Positive long maxBodyBytes) {}
}
