package io.consentinel.bench;

import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Progress lines and the unit conversions every phase prints with. */
final class Console {

    private Console() {}

    static void say(String format, Object... args) {
        System.out.printf(
                "[bench %s] %s%n",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), String.format(format, args));
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
