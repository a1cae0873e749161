package io.consentinel.transparency;

import io.consentinel.ConsentinelProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Every transparency log of this deployment, by name. */
@Component
public class Logs {

    private static final Logger log = LoggerFactory.getLogger(Logs.class);

    private final Map<String, TransparencyLog> byName = new LinkedHashMap<>();

    Logs(List<LogSource> sources, SigningKey key, LogProperties logProperties, ConsentinelProperties properties) {
        sources.forEach(source -> source.logs().forEach(each -> {
            if (byName.putIfAbsent(each.name(), each) != null) {
                throw new IllegalStateException("two transparency logs are named '" + each.name() + "'");
            }
        }));
        if (properties.local()) {
            byName.keySet().forEach(name -> {
                String origin = logProperties.origin() + "/" + name;
                log.warn("Local mode: development verifier key of log '{}': {}", name, key.verifierKey(origin));
            });
        }
    }

    public Optional<TransparencyLog> byName(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public List<TransparencyLog> all() {
        return List.copyOf(byName.values());
    }
}
