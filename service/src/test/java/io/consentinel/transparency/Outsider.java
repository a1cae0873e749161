package io.consentinel.transparency;

import io.consentinel.verifier.Verify;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** An officer outside the service: the verifier jar's code, run in-process against a live node. */
final class Outsider {

    /** One run: its exit status and what it printed. */
    record Run(int status, String output) {}

    private final String baseUrl;
    private final String apiKey;
    private final String verifierKey;
    private final String log;
    private final Path state;

    Outsider(String baseUrl, String apiKey, String log, String verifierKey, Path state) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.log = log;
        this.verifierKey = verifierKey;
        this.state = state;
    }

    Run watch() {
        return run("watch", "--url", baseUrl, "--log", log, "--verifier-key", verifierKey, "--state", state.toString());
    }

    Run audit() {
        return run("audit", "--url", baseUrl, "--log", log, "--verifier-key", verifierKey, "--state", state.toString());
    }

    static Run receipt(Path file, String verifierKey) {
        return new Outsider(null, null, null, null, null)
                .run("receipt", file.toString(), "--verifier-key", verifierKey);
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int status = Verify.run(args, apiKey, print, print);
            return new Run(status, out.toString(StandardCharsets.UTF_8));
        }
    }
}
