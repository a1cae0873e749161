package io.consentinel;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The consent and data-residency gateway: apps post telemetry, only what consent allows is stored, in its zone. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class Consentinel {

    public static void main(String[] args) {
        SpringApplication.run(Consentinel.class, args);
    }

    /** Injected so tests can pin "now"; answers are always UTC. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
