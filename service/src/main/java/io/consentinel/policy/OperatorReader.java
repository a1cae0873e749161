package io.consentinel.policy;

import io.consentinel.decision.Operator;
import io.consentinel.decision.Operator.CoarsenTime.TimeUnit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads an operator: a bare name ({@code drop}) or {@code {op: name, ...params}}. */
final class OperatorReader {

    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "keep", List.of(),
            "drop", List.of(),
            "reject", List.of(),
            "pseudonymise", List.of(),
            "url_domain", List.of(),
            "truncate_ip", List.of("ipv4Prefix", "ipv6Prefix"),
            "generalise_location", List.of("decimals"),
            "coarsen_time", List.of("unit"),
            "mask", List.of("keepLast"),
            "bucket", List.of("size"));
    private static final String NAMES =
            "keep, drop, reject, pseudonymise, truncate_ip, url_domain, generalise_location, coarsen_time, mask, bucket";
    // Keeping more than this many characters of a masked value is not masking.
    private static final int MAX_KEEP_LAST = 1000;

    private final Problems problems;

    OperatorReader(Problems problems) {
        this.problems = problems;
    }

    /** The operator, or null after reporting what is wrong with it. */
    Operator read(JsonNode node, Pointer at) {
        if (node.isString()) {
            return named(node.stringValue(), null, at, at);
        }
        if (!node.isObject()) {
            problems.add(at, "must be an operator name (" + NAMES + ") or {op: name, ...parameters}");
            return null;
        }
        ObjectNode spec = (ObjectNode) node;
        JsonNode op = spec.get("op");
        if (op == null) {
            problems.add(at.at("op"), "is required: the operator's name");
            return null;
        }
        String name = problems.string(op, at.at("op"));
        return name == null ? null : named(name, spec, at, at.at("op"));
    }

    private Operator named(String name, ObjectNode spec, Pointer at, Pointer nameAt) {
        List<String> allowed = PARAMETERS.get(name);
        if (allowed == null) {
            problems.add(nameAt, "is not an operator; expected one of " + NAMES);
            return null;
        }
        int before = problems.count();
        if (spec != null) {
            for (String key : spec.propertyNames()) {
                if (!key.equals("op") && !allowed.contains(key)) {
                    String expected = allowed.isEmpty() ? "it takes none" : "expected " + String.join(", ", allowed);
                    problems.add(at.at(key), "is not a parameter of " + name + "; " + expected);
                }
            }
        }
        Params params = new Params(spec, at);
        Operator operator = switch (name) {
            case "keep" -> new Operator.Keep();
            case "drop" -> new Operator.Drop();
            case "reject" -> new Operator.Reject();
            case "pseudonymise" -> new Operator.Pseudonymise();
            case "url_domain" -> new Operator.UrlDomain();
            case "truncate_ip" -> truncateIp(params);
            case "generalise_location" -> generaliseLocation(params);
            case "coarsen_time" -> coarsenTime(params);
            case "mask" -> mask(params);
            case "bucket" -> bucket(params, at);
            default -> throw new IllegalStateException("PARAMETERS and this switch list the same operators");
        };
        return problems.count() == before ? operator : null;
    }

    private Operator truncateIp(Params params) {
        Integer ipv4 = params.intInRange("ipv4Prefix", 0, 32, Operator.TruncateIp.DEFAULT_IPV4_PREFIX);
        Integer ipv6 = params.intInRange("ipv6Prefix", 0, 128, Operator.TruncateIp.DEFAULT_IPV6_PREFIX);
        return ipv4 == null || ipv6 == null ? null : new Operator.TruncateIp(ipv4, ipv6);
    }

    private Operator generaliseLocation(Params params) {
        Integer decimals = params.intInRange("decimals", 0, 10, Operator.GeneraliseLocation.DEFAULT_DECIMALS);
        return decimals == null ? null : new Operator.GeneraliseLocation(decimals);
    }

    private Operator coarsenTime(Params params) {
        JsonNode unit = params.get("unit");
        if (unit == null) {
            return new Operator.CoarsenTime();
        }
        if (unit.isString()) {
            for (TimeUnit candidate : TimeUnit.values()) {
                if (candidate.wireName().equals(unit.stringValue())) {
                    return new Operator.CoarsenTime(candidate);
                }
            }
        }
        problems.add(params.at("unit"), "must be hour or day");
        return null;
    }

    private Operator mask(Params params) {
        Integer keepLast = params.intInRange("keepLast", 0, MAX_KEEP_LAST, Operator.Mask.DEFAULT_KEEP_LAST);
        return keepLast == null ? null : new Operator.Mask(keepLast);
    }

    private Operator bucket(Params params, Pointer at) {
        JsonNode size = params.get("size");
        if (size == null) {
            problems.add(
                    at.at("size"), "is required: bucket needs the width of its buckets, as {op: bucket, size: 1000}");
            return null;
        }
        BigDecimal width = decimal(size);
        if (width == null
                || width.signum() <= 0
                || width.compareTo(Operator.Bucket.MAX_SIZE) > 0
                || width.stripTrailingZeros().scale() > Operator.Bucket.MAX_DECIMALS) {
            problems.add(
                    params.at("size"),
                    "must be a number greater than 0, at most 1e15, with at most " + Operator.Bucket.MAX_DECIMALS
                            + " decimal places");
            return null;
        }
        return new Operator.Bucket(width);
    }

    private static BigDecimal decimal(JsonNode number) {
        if (!number.isNumber()) {
            return null;
        }
        if (number.isDouble() || number.isFloat()) {
            return Double.isFinite(number.doubleValue()) ? BigDecimal.valueOf(number.doubleValue()) : null;
        }
        return number.decimalValue();
    }

    /** The parameters of one operator, with their defaults when absent. */
    private final class Params {
        private final ObjectNode spec;
        private final Pointer at;

        Params(ObjectNode spec, Pointer at) {
            this.spec = spec;
            this.at = at;
        }

        JsonNode get(String name) {
            return spec == null ? null : spec.get(name);
        }

        Pointer at(String name) {
            return at.at(name);
        }

        Integer intInRange(String name, int min, int max, int fallback) {
            JsonNode value = get(name);
            return value == null ? Integer.valueOf(fallback) : problems.intInRange(value, at(name), min, max);
        }
    }
}
