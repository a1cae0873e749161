package io.consentinel.subjects;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The retention purge.
 *
 * @param purgeInterval the delay between scheduled purges, and before the first one after start-up, so
 *     nodes restarted together do not all purge at once (read by {@code @Scheduled} through the same key)
 * @param batchSize events deleted per statement; each batch commits alone, so no lock is held for long
 */
@Validated
@ConfigurationProperties("consentinel.retention")
record RetentionProperties(
        @DefaultValue("PT1H") Duration purgeInterval,

        @DefaultValue("5000") @Positive(message = "consentinel.retention.batch-size must be positive")
        int batchSize) {}
