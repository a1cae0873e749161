package io.consentinel.consent;

import com.iab.gpp.encoder.GppModel;
import com.iab.gpp.encoder.field.UsNatField;
import com.iab.gpp.encoder.section.EncodableSection;
import com.iab.gpp.encoder.section.TcfEuV2;
import io.consentinel.decision.Policy;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an IAB Global Privacy Platform string with the IAB's own library. Its EU TCF section grants
 * through the policy's {@code tcf} map, as a TC string would; an opt-out in any US section (national or
 * state) denies the purposes the policy lists under {@code gppOptOuts}; its {@code Gpc} field counts as
 * {@code gpc}. Sections that carry none of these (Canada, USP v1) are kept as evidence only.
 */
final class GppStrings {

    /** The US-section fields whose value 1 means "opted out", by the opt-out they stand for. */
    private static final Map<String, Policy.GppOptOut> OPT_OUT_FIELDS = Map.of(
            UsNatField.SALE_OPT_OUT, Policy.GppOptOut.SALE,
            UsNatField.SHARING_OPT_OUT, Policy.GppOptOut.SHARING,
            UsNatField.TARGETED_ADVERTISING_OPT_OUT, Policy.GppOptOut.TARGETED_ADVERTISING);

    private static final int OPTED_OUT = 1;

    private GppStrings() {}

    /**
     * What a string says, or the reason it was refused.
     *
     * @param tcfConsents the TCF purposes with consent in its EU TCF section, or null when it has none
     */
    record Decoded(Set<Integer> tcfConsents, Set<Policy.GppOptOut> optOuts, boolean gpc, String refusal) {

        static Decoded refused(String why) {
            return new Decoded(null, Set.of(), false, why);
        }

        /** The purpose statuses this string sets, as {@link ConsentLedger} merges them. */
        Map<String, String> tcfPurposes(Map<String, List<Integer>> tcfMap) {
            Map<String, String> statuses = new LinkedHashMap<>();
            if (tcfConsents != null) {
                tcfMap.forEach((purpose, numbers) ->
                        statuses.put(purpose, tcfConsents.containsAll(numbers) ? "granted" : "denied"));
            }
            return statuses;
        }

        Set<String> deniedByOptOuts(Policy policy) {
            Set<String> denied = new LinkedHashSet<>();
            optOuts.forEach(optOut -> denied.addAll(policy.gppOptOuts().getOrDefault(optOut, Set.of())));
            return denied;
        }
    }

    static Decoded decode(String gppString) {
        try {
            GppModel model = new GppModel(gppString);
            Set<Integer> tcfConsents = null;
            Set<Policy.GppOptOut> optOuts = EnumSet.noneOf(Policy.GppOptOut.class);
            boolean gpc = false;
            // The library decodes lazily: reading every section is what validates the string.
            for (int id : model.getSectionIds()) {
                EncodableSection section = model.getSection(id);
                if (section == null) {
                    return Decoded.refused("gppString names a section this service cannot read (id " + id + ")");
                }
                if (section instanceof TcfEuV2 tcf) {
                    int policyVersion = tcf.getPolicyVersion();
                    if (policyVersion < TcStrings.MIN_POLICY_VERSION) {
                        return Decoded.refused("gppString's TCF section has policy version " + policyVersion
                                + "; version " + TcStrings.MIN_POLICY_VERSION + " (TCF v2.2) or later is required");
                    }
                    tcfConsents = new LinkedHashSet<>();
                    List<Boolean> consents = tcf.getPurposeConsents();
                    for (int i = 0; i < consents.size(); i++) {
                        if (Boolean.TRUE.equals(consents.get(i))) {
                            tcfConsents.add(i + 1);
                        }
                    }
                    continue;
                }
                for (Map.Entry<String, Policy.GppOptOut> field : OPT_OUT_FIELDS.entrySet()) {
                    if (section.hasField(field.getKey())
                            && Integer.valueOf(OPTED_OUT).equals(section.getFieldValue(field.getKey()))) {
                        optOuts.add(field.getValue());
                    }
                }
                if (section.hasField(UsNatField.GPC) && Boolean.TRUE.equals(section.getFieldValue(UsNatField.GPC))) {
                    gpc = true;
                }
            }
            return new Decoded(tcfConsents, optOuts, gpc, null);
        } catch (RuntimeException e) {
            return Decoded.refused("gppString is not a well-formed GPP string");
        }
    }
}
