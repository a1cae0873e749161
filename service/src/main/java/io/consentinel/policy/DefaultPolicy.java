package io.consentinel.policy;

import io.consentinel.decision.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The policy shipped in the jar ({@code policy/default-policy.yaml}), used until an admin PUTs another. */
public final class DefaultPolicy {

    public static final String RESOURCE = "policy/default-policy.yaml";

    private DefaultPolicy() {}

    /** The shipped policy's text, for storing as the first version. */
    public static String text() {
        try (InputStream in = DefaultPolicy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shipped policy, compiled. A broken default is a build error, so this throws instead of reporting. */
    public static Policy load() {
        PolicyParseResult result = PolicyParser.parseText(text());
        if (!result.valid()) {
            throw new IllegalStateException(RESOURCE + " is invalid: " + result.problems());
        }
        return result.policy();
    }
}
