package io.consentinel.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.instancio.Select.field;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.instancio.Instancio;
import org.instancio.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The hand-written IP parsers agree with the ipaddress library's strict parser, used here as the oracle. */
class IpTruncationProperties {

    private static final IPAddressStringParameters STRICT = strict();

    private static IPAddressStringParameters strict() {
        IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder()
                .allowEmpty(false)
                .allowAll(false)
                .allowSingleSegment(false)
                .allowPrefix(false)
                .allowMask(false)
                .allowPrefixOnly(false)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE)
                .allow_inet_aton(false);
        builder.getIPv4AddressParametersBuilder().allowLeadingZeros(false).allowBinary(false);
        builder.getIPv6AddressParametersBuilder()
                .allowZone(false)
                .allowEmptyZone(false)
                .allowBase85(false)
                .allowBinary(false)
                .allow_mixed_inet_aton(false)
                .allowUnlimitedLeadingZeros(false)
                .allowMixed(true)
                .getEmbeddedIPv4AddressParametersBuilder()
                .allow_inet_aton(false)
                .allowBinary(false)
                .allowLeadingZeros(false);
        return builder.toParams();
    }

    /** What truncate_ip must give, computed by the library; null when the library refuses the text. */
    private static String oracle(String text, int ipv4Prefix, int ipv6Prefix) {
        IPAddress address = new IPAddressString(text, STRICT).getAddress();
        if (address == null || address.isMultiple() || address.isPrefixed()) {
            return null;
        }
        byte[] bytes = address.getBytes();
        if (address instanceof IPv6Address v6 && v6.isIPv4Mapped()) {
            byte[] v4 = new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
            return "::ffff:" + new IPv4Address(mask(v4, ipv4Prefix)).toCanonicalString();
        }
        if (address instanceof IPv4Address) {
            return new IPv4Address(mask(bytes, ipv4Prefix)).toCanonicalString();
        }
        return new IPv6Address(mask(bytes, ipv6Prefix)).toCanonicalString();
    }

    private static byte[] mask(byte[] bytes, int prefix) {
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return bytes;
    }

    record Input(String text, int ipv4Prefix, int ipv6Prefix) {}

    static Stream<Input> inputs() {
        return Samples.of(
                Instancio.of(Input.class)
                        .supply(field(Input::text), IpTruncationProperties::address)
                        .generate(field(Input::ipv4Prefix), gen -> gen.ints().range(0, 32))
                        .generate(field(Input::ipv6Prefix), gen -> gen.ints().range(0, 128)),
                3000);
    }

    /** Valid addresses in several spellings (three in five), or one with a character replaced. */
    private static String address(Random random) {
        String valid = validAddress(random);
        if (Samples.weighted(random, 3, 2) == 0) {
            return valid;
        }
        int at = random.intRange(0, valid.length() - 1);
        String insert = random.oneOf(":", ".", "::", "", "0", "f", "G", "%", "/", "00000", "1.2.3.4");
        return valid.substring(0, at) + insert + valid.substring(at + 1);
    }

    private static String validAddress(Random random) {
        return switch (random.intRange(0, 3)) {
            case 0 -> {
                List<Integer> groups = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    groups.add(
                            switch (Samples.weighted(random, 4, 1, 5)) {
                                case 0 -> 0;
                                case 1 -> 0xffff;
                                default -> random.intRange(0, 0xffff);
                            });
                }
                yield ipv6Text(groups, random.intRange(0, 5));
            }
            case 1 -> ipv4(random);
            case 2 -> "::ffff:" + ipv4(random);
            default -> "::" + ipv4(random);
        };
    }

    private static String ipv4(Random random) {
        return random.intRange(0, 255) + "." + random.intRange(0, 255) + "." + random.intRange(0, 255) + "."
                + random.intRange(0, 255);
    }

    /** The same address written in one of several valid ways. */
    private static String ipv6Text(List<Integer> groups, int style) {
        List<String> parts = new ArrayList<>();
        for (int g : groups) {
            parts.add(
                    switch (style) {
                        case 1 -> String.format("%04x", g);
                        case 2 -> Integer.toHexString(g).toUpperCase();
                        default -> Integer.toHexString(g);
                    });
        }
        if (style >= 3) {
            // compress the first run of zeros (style 3), the last (4), or write the last 32 bits as a dotted quad (5)
            if (style == 5) {
                int v4 = groups.get(6) << 16 | groups.get(7);
                parts.set(6, (v4 >>> 24) + "." + (v4 >>> 16 & 0xff) + "." + (v4 >>> 8 & 0xff));
                parts.set(7, String.valueOf(v4 & 0xff));
                return String.join(":", parts.subList(0, 6)) + ":" + parts.get(6) + "." + parts.get(7);
            }
            int start = -1;
            int end = -1;
            for (int i = 0; i < 8; i++) {
                if (groups.get(i) == 0 && (start < 0 || style == 4 && end != i)) {
                    int j = i;
                    while (j < 8 && groups.get(j) == 0) {
                        j++;
                    }
                    start = i;
                    end = j;
                    if (style == 3) {
                        break;
                    }
                    i = j;
                }
            }
            if (start >= 0) {
                return String.join(":", parts.subList(0, start)) + "::" + String.join(":", parts.subList(end, 8));
            }
        }
        return String.join(":", parts);
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void handWrittenParsersAgreeWithTheLibrary(Input input) {
        assertThat(IpTruncation.truncate(input.text(), input.ipv4Prefix(), input.ipv6Prefix()))
                .as(input.text())
                .isEqualTo(oracle(input.text(), input.ipv4Prefix(), input.ipv6Prefix()));
    }
}
