package io.consentinel.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Whether Docker may be running, judged without contacting it: Testcontainers, asked directly, logs an
 * ERROR with a stack trace for each strategy it tries when there is none, which is the normal case on many
 * laptops and CI machines. Only when a hint is present is Testcontainers asked.
 */
final class DockerHints {

    private DockerHints() {}

    static boolean present() {
        if (notBlank(System.getenv("DOCKER_HOST")) || notBlank(testcontainersDockerHost())) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        List<Path> sockets = List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker/run/docker.sock"),
                Path.of(home, ".docker/desktop/docker.sock"),
                Path.of(home, ".colima/default/docker.sock"),
                Path.of(home, ".rd/docker.sock"),
                Path.of(runtime == null ? "/nonexistent" : runtime, "docker.sock"),
                Path.of(runtime == null ? "/nonexistent" : runtime, "podman/podman.sock"));
        return sockets.stream().anyMatch(Files::exists);
    }

    /** docker.host from ~/.testcontainers.properties, where Testcontainers users point it at a remote daemon. */
    private static String testcontainersDockerHost() {
        Path file = Path.of(System.getProperty("user.home", ""), ".testcontainers.properties");
        if (!Files.isReadable(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            return null;
        }
        return properties.getProperty("docker.host");
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
