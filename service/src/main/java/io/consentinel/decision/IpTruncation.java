package io.consentinel.decision;

/**
 * Keeps the network prefix of an IP address literal. Only literals are parsed, never host names:
 * resolving attacker-supplied names would leak the value to a DNS server and stall the engine. The
 * parsers are hand-written and strict (no zones, prefixes, ranges or inet_aton forms); a property
 * test holds them to the ipaddress library's strict parser.
 */
final class IpTruncation {

    // "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255" is the longest literal we accept.
    private static final int MAX_LENGTH = 45;
    private static final int GROUPS = 8;

    private IpTruncation() {}

    /** The truncated address in canonical text, or null when the text is not an IP address literal. */
    static String truncate(String text, int ipv4Prefix, int ipv6Prefix) {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            long address = parseIpv4(text, 0, text.length());
            return address < 0
                    ? null
                    : ipv4Text(new StringBuilder(15), (int) address & ipv4Mask(ipv4Prefix))
                            .toString();
        }
        int[] groups = parseIpv6(text);
        if (groups == null) {
            return null;
        }
        if (isIpv4Mapped(groups)) {
            // A mapped IPv4 address is an IPv4 address: it gets the IPv4 prefix and keeps its mapped form.
            int ipv4 = groups[6] << 16 | groups[7];
            return ipv4Text(new StringBuilder(22).append("::ffff:"), ipv4 & ipv4Mask(ipv4Prefix))
                    .toString();
        }
        for (int i = 0; i < GROUPS; i++) {
            int kept = Math.clamp(ipv6Prefix - 16L * i, 0, 16);
            groups[i] &= 0xffff << (16 - kept) & 0xffff;
        }
        return ipv6Text(groups);
    }

    private static int ipv4Mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static boolean isIpv4Mapped(int[] groups) {
        return groups[0] == 0
                && groups[1] == 0
                && groups[2] == 0
                && groups[3] == 0
                && groups[4] == 0
                && groups[5] == 0xffff;
    }

    /**
     * Strict dotted quad: four decimal parts of 0-255 without leading zeros (they mean octal to some
     * parsers). Returns the address as an unsigned value, or -1 when the text is not one.
     */
    private static long parseIpv4(String text, int from, int to) {
        long address = 0;
        int i = from;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= to || text.charAt(i) != '.') {
                    return -1;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + (text.charAt(i++) - '0');
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            address = address << 8 | value;
        }
        return i == to ? address : -1;
    }

    /** RFC 4291 section 2.2 text: eight groups of 1-4 hex digits, one "::", an optional dotted-quad tail. */
    private static int[] parseIpv6(String text) {
        int length = text.length();
        int[] parsed = new int[GROUPS];
        int count = 0;
        int gap = -1; // how many groups came before "::"
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < length) {
            int start = i;
            int value = 0;
            int digit;
            while (i < length && i - start < 5 && (digit = hex(text.charAt(i))) >= 0) {
                value = value << 4 | digit;
                i++;
            }
            if (i < length && text.charAt(i) == '.') {
                long ipv4 = count <= GROUPS - 2 ? parseIpv4(text, start, length) : -1;
                if (ipv4 < 0) {
                    return null;
                }
                parsed[count++] = (int) (ipv4 >>> 16);
                parsed[count++] = (int) (ipv4 & 0xffff);
                break;
            }
            if (i == start || i - start > 4 || count == GROUPS) {
                return null;
            }
            parsed[count++] = value;
            if (i == length) {
                break;
            }
            if (text.charAt(i++) != ':' || i == length) {
                return null; // something other than ':' between groups, or a single trailing ':'
            }
            if (text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
            }
        }
        if (gap < 0) {
            return count == GROUPS ? parsed : null;
        }
        if (count > GROUPS - 1) {
            return null; // "::" stands for at least one group
        }
        int[] groups = new int[GROUPS];
        System.arraycopy(parsed, 0, groups, 0, gap);
        System.arraycopy(parsed, gap, groups, GROUPS - (count - gap), count - gap);
        return groups;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    /** RFC 5952: lower case, no leading zeros, the first longest run of two or more zero groups as "::". */
    private static String ipv6Text(int[] groups) {
        int runStart = -1;
        int runLength = 1;
        for (int i = 0; i < GROUPS; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < GROUPS && groups[end] == 0) {
                end++;
            }
            if (end - i > runLength) {
                runStart = i;
                runLength = end - i;
            }
            i = end;
        }
        StringBuilder out = new StringBuilder(39);
        for (int i = 0; i < GROUPS; i++) {
            if (i == runStart) {
                out.append("::");
                i += runLength - 1;
                continue;
            }
            if (i > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            appendHex(out, groups[i]);
        }
        return out.toString();
    }

    private static void appendHex(StringBuilder out, int group) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int nibble = group >>> shift & 0xf;
            if (started || nibble != 0 || shift == 0) {
                out.append(Character.forDigit(nibble, 16));
                started = true;
            }
        }
    }

    private static StringBuilder ipv4Text(StringBuilder out, int address) {
        return out.append(address >>> 24)
                .append('.')
                .append(address >>> 16 & 0xff)
                .append('.')
                .append(address >>> 8 & 0xff)
                .append('.')
                .append(address & 0xff);
    }
}
