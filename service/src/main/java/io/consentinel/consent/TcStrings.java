package io.consentinel.consent;

import com.iabtcf.decoder.TCString;
import com.iabtcf.utils.IntIterable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads purposes from an IAB TCF TC string with the IAB's own decoder. A policy purpose is granted only
 * when every TCF purpose the policy maps it to has consent; otherwise the string denies it.
 */
final class TcStrings {

    static final int MIN_POLICY_VERSION = 4;

    private TcStrings() {}

    /** The purpose consents of a valid v2.2+ string, or empty with the reason it was refused. */
    static Decoded decode(String tcString) {
        try {
            TCString decoded = TCString.decode(tcString);
            // The decoder is lazy: touching the fields is what validates them.
            int policyVersion = decoded.getTcfPolicyVersion();
            IntIterable consents = decoded.getPurposesConsent();
            if (decoded.getVersion() != 2) {
                return Decoded.refused("tcString is not a TCF v2 string");
            }
            if (policyVersion < MIN_POLICY_VERSION) {
                return Decoded.refused("tcString has TCF policy version " + policyVersion + "; version "
                        + MIN_POLICY_VERSION + " (TCF v2.2) or later is required");
            }
            return new Decoded(Optional.of(consents), null);
        } catch (RuntimeException e) {
            return Decoded.refused("tcString is not a well-formed TC string");
        }
    }

    static Map<String, String> purposes(IntIterable consents, Map<String, List<Integer>> tcfMap) {
        Map<String, String> statuses = new LinkedHashMap<>();
        tcfMap.forEach((purpose, tcfPurposes) -> {
            boolean all = tcfPurposes.stream().allMatch(consents::contains);
            statuses.put(purpose, all ? "granted" : "denied");
        });
        return statuses;
    }

    record Decoded(Optional<IntIterable> consents, String refusal) {
        static Decoded refused(String why) {
            return new Decoded(Optional.empty(), why);
        }
    }
}
