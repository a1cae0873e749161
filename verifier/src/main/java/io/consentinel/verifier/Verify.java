package io.consentinel.verifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a Consentinel deployment's transparency logs from outside, trusting only a pinned verifier key.
 * <pre>
 * verify watch   --url URL --log NAME --verifier-key KEY --state DIR   (API key in CONSENTINEL_API_KEY or --api-key)
 * verify audit   --url URL --log NAME --verifier-key KEY [--state DIR]
 * verify receipt FILE [--verifier-key KEY]
 * </pre>
 * Exit status: 0 when everything checked out, 1 when the log was caught misbehaving (a fork, a rollback,
 * entries that do not hash to the signed root, a receipt that does not prove its record), 2 when the check
 * could not be done (bad arguments, the service unreachable or refusing).
 */
public final class Verify {

    public static final int OK = 0;
    public static final int CAUGHT = 1;
    public static final int FAILED = 2;

    private Verify() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv("CONSENTINEL_API_KEY"), System.out, System.err));
    }

    /** Runs one command; {@code apiKey} is the default for {@code --api-key}. */
    public static int run(String[] args, String apiKey, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(usage());
            return FAILED;
        }
        Map<String, String> options = new HashMap<>();
        String file = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else if (file == null && !args[i].startsWith("--")) {
                file = args[i];
            } else {
                err.println("Unexpected argument " + args[i] + ".\n" + usage());
                return FAILED;
            }
        }
        options.putIfAbsent("api-key", apiKey);
        try {
            return switch (args[0]) {
                case "watch" ->
                    new Watch(
                                    client(options),
                                    required(options, "verifier-key"),
                                    Path.of(required(options, "state")),
                                    out)
                            .run();
                case "audit" ->
                    new Audit(
                                    client(options),
                                    required(options, "verifier-key"),
                                    options.containsKey("state") ? Path.of(options.get("state")) : null,
                                    out)
                            .run();
                case "receipt" -> {
                    if (file == null) {
                        throw new Usage("receipt needs the receipt's file");
                    }
                    yield Receipt.check(
                            Files.readString(Path.of(file), StandardCharsets.UTF_8), options.get("verifier-key"), out);
                }
                default -> throw new Usage("unknown command " + args[0]);
            };
        } catch (Usage e) {
            err.println(e.getMessage() + ".\n" + usage());
            return FAILED;
        } catch (IOException | RuntimeException e) {
            err.println("Could not check the log: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return FAILED;
        }
    }

    private static LogClient client(Map<String, String> options) throws Usage {
        return new LogClient(required(options, "url"), required(options, "api-key"), required(options, "log"));
    }

    private static String required(Map<String, String> options, String name) throws Usage {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new Usage("--" + name + " is required");
        }
        return value;
    }

    static String usage() {
        return String.join(
                "\n",
                List.of(
                        "usage: verify watch   --url URL --log NAME --verifier-key KEY --state DIR",
                        "       verify audit   --url URL --log NAME --verifier-key KEY [--state DIR]",
                        "       verify receipt FILE [--verifier-key KEY]",
                        "The officer's API key is read from CONSENTINEL_API_KEY (or --api-key)."));
    }

    /** A command line that cannot be run. */
    static final class Usage extends Exception {
        Usage(String message) {
            super(message);
        }
    }
}
