package io.consentinel.decision;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * Keeps the network prefix of an IP address literal. Only literals are parsed, never host names:
 * resolving attacker-supplied names would leak the value to a DNS server and stall the engine.
 */
final class IpTruncation {

    // "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255" is the longest literal we accept.
    private static final int MAX_LENGTH = 45;

    // No zones, prefixes, masks, ranges, wildcards, inet_aton forms, binary or base85: a literal address and nothing else.
    private static final IPAddressStringParameters STRICT_IPV6 = strictIpv6();

    private IpTruncation() {}

    private static IPAddressStringParameters strictIpv6() {
        IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder()
                .allowEmpty(false)
                .allowAll(false)
                .allowSingleSegment(false)
                .allowPrefix(false)
                .allowMask(false)
                .allowPrefixOnly(false)
                .allowWildcardedSeparator(false)
                .setRangeOptions(RangeParameters.NO_RANGE)
                .allow_inet_aton(false)
                .allowIPv4(false)
                .allowIPv6(true);
        builder.getIPv6AddressParametersBuilder()
                .allowZone(false)
                .allowEmptyZone(false)
                .allowBase85(false)
                .allowBinary(false)
                .allow_mixed_inet_aton(false)
                .allowUnlimitedLeadingZeros(false)
                .allowPrefixesBeyondAddressSize(false)
                .allowMixed(true);
        builder.getIPv6AddressParametersBuilder()
                .getEmbeddedIPv4AddressParametersBuilder()
                .allow_inet_aton(false)
                .allowBinary(false)
                .allowLeadingZeros(false);
        return builder.toParams();
    }

    /** The truncated address in canonical text, or null when the text is not an IP address literal. */
    static String truncate(String text, int ipv4Prefix, int ipv6Prefix) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            long address = parseIpv4(text);
            return address < 0 ? null : ipv4Text(new StringBuilder(15), (int) address & ipv4Mask(ipv4Prefix)).toString();
        }
        return truncateIpv6(text, ipv4Prefix, ipv6Prefix);
    }

    private static String truncateIpv6(String text, int ipv4Prefix, int ipv6Prefix) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean literal = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!literal) {
                return null;
            }
        }
        IPAddress parsed = new IPAddressString(text, STRICT_IPV6).getAddress();
        if (!(parsed instanceof IPv6Address address) || address.isMultiple() || address.isPrefixed()) {
            return null;
        }
        byte[] bytes = address.getBytes();
        if (address.isIPv4Mapped()) {
            // A mapped IPv4 address is an IPv4 address: it gets the IPv4 prefix and keeps its mapped form.
            int ipv4 = (bytes[12] & 0xff) << 24 | (bytes[13] & 0xff) << 16 | (bytes[14] & 0xff) << 8 | (bytes[15] & 0xff);
            return ipv4Text(new StringBuilder(22).append("::ffff:"), ipv4 & ipv4Mask(ipv4Prefix)).toString();
        }
        for (int bit = ipv6Prefix; bit < 128; bit++) {
            bytes[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
        }
        return new IPv6Address(bytes).toCanonicalString();
    }

    private static int ipv4Mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    /**
     * Strict dotted quad: four decimal parts of 0-255 without leading zeros (they mean octal to some
     * parsers). Returns the address as an unsigned value, or -1 when the text is not one.
     */
    private static long parseIpv4(String text) {
        long address = 0;
        int parts = 0;
        int i = 0;
        int length = text.length();
        while (parts < 4) {
            int start = i;
            int part = 0;
            while (i < length && i - start < 3) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                part = part * 10 + (c - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || part > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            address = address << 8 | part;
            parts++;
            if (parts < 4) {
                if (i >= length || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
        }
        return i == length ? address : -1;
    }

    private static StringBuilder ipv4Text(StringBuilder out, int address) {
        return out.append(address >>> 24).append('.')
                .append(address >>> 16 & 0xff).append('.')
                .append(address >>> 8 & 0xff).append('.')
                .append(address & 0xff);
    }
}
