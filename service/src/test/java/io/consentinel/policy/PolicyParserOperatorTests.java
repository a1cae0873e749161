package io.consentinel.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentinel.decision.Operator;
import io.consentinel.decision.Operator.CoarsenTime.TimeUnit;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PolicyParserOperatorTests {

    @Test
    void everyOperatorParsesAsABareNameOrWithItsParameters() {
        PolicyParseResult result = PolicyParser.parseText("""
                version: v1
                purposes: [analytics]
                categories:
                  keep: {purpose: analytics, withoutConsent: keep}
                  drop: {purpose: analytics, withoutConsent: {op: drop}}
                  reject: {purpose: analytics, withoutConsent: reject}
                  pseudonymise: {purpose: analytics, withoutConsent: pseudonymise}
                  truncate_ip: {purpose: analytics, withoutConsent: {op: truncate_ip, ipv4Prefix: 16, ipv6Prefix: 32}}
                  url_domain: {purpose: analytics, withoutConsent: url_domain}
                  generalise_location: {purpose: analytics, withoutConsent: {op: generalise_location, decimals: 2}}
                  coarsen_time: {purpose: analytics, withoutConsent: {op: coarsen_time, unit: day}}
                  mask: {purpose: analytics, withoutConsent: {op: mask, keepLast: 2}}
                  bucket: {purpose: analytics, withoutConsent: {op: bucket, size: 0.5}}
                  defaults_ip: {purpose: analytics, withoutConsent: truncate_ip}
                  defaults_mask: {purpose: analytics, withoutConsent: mask}
                jurisdictions: {"*": {zones: [global]}}
                """);

        assertThat(result.problems()).isEmpty();
        Map<String, Operator> operators = result.policy().categories().values().stream()
                .collect(Collectors.toMap(c -> c.name(), c -> c.withoutConsent()));
        assertThat(operators)
                .containsEntry("keep", new Operator.Keep())
                .containsEntry("drop", new Operator.Drop())
                .containsEntry("reject", new Operator.Reject())
                .containsEntry("pseudonymise", new Operator.Pseudonymise())
                .containsEntry("truncate_ip", new Operator.TruncateIp(16, 32))
                .containsEntry("url_domain", new Operator.UrlDomain())
                .containsEntry("generalise_location", new Operator.GeneraliseLocation(2))
                .containsEntry("coarsen_time", new Operator.CoarsenTime(TimeUnit.DAY))
                .containsEntry("mask", new Operator.Mask(2))
                .containsEntry("bucket", new Operator.Bucket(new BigDecimal("0.5")))
                .containsEntry("defaults_ip", new Operator.TruncateIp(24, 48))
                .containsEntry("defaults_mask", new Operator.Mask(4));
        assertThat(operators.values())
                .extracting(Operator::wireName)
                .containsOnly(
                        "keep",
                        "drop",
                        "reject",
                        "pseudonymise",
                        "truncate_ip",
                        "url_domain",
                        "generalise_location",
                        "coarsen_time",
                        "mask",
                        "bucket");
    }

    @Test
    void operatorMistakesArePointedAtPreciselyAndNamePolicyKeysOnly() {
        PolicyParseResult result = PolicyParser.parseText("""
                version: v1
                purposes: [analytics]
                categories:
                  a: {purpose: analytics, withoutConsent: {decimals: 1}}
                  b: {purpose: analytics, withoutConsent: {op: mask, keepLast: -1}}
                  c: {purpose: analytics, withoutConsent: {op: coarsen_time, unit: minute}}
                  d: {purpose: analytics, withoutConsent: {op: bucket, size: 0}}
                  e: {purpose: analytics, withoutConsent: {op: pseudonymise, salt: x}}
                  f: {purpose: analytics, withoutConsent: [drop]}
                  g: {purpose: analytics, withoutConsent: {op: hash}}
                jurisdictions: {"*": {zones: [global]}}
                """);

        Map<String, String> details = result.problems().stream()
                .collect(Collectors.toMap(PolicyProblem::pointer, PolicyProblem::detail, (x, y) -> x + "; " + y));
        assertThat(details)
                .containsOnlyKeys(
                        "/categories/a/withoutConsent/op",
                        "/categories/b/withoutConsent/keepLast",
                        "/categories/c/withoutConsent/unit",
                        "/categories/d/withoutConsent/size",
                        "/categories/e/withoutConsent/salt",
                        "/categories/f/withoutConsent",
                        "/categories/g/withoutConsent/op");
        assertThat(details.get("/categories/e/withoutConsent/salt"))
                .isEqualTo("is not a parameter of pseudonymise; it takes none");
        assertThat(details.get("/categories/g/withoutConsent/op"))
                .startsWith("is not an operator; expected one of keep, drop");
        assertThat(details.get("/categories/c/withoutConsent/unit")).isEqualTo("must be hour or day");
    }
}
