package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Step 5 and 6: what each field becomes, and the outcome that follows. */
class DecisionFieldTests {

    private static final ConsentSnapshot NO_PERSONALISATION =
            consent("IN").grantedAllBut("personalisation").build();
    private static final ConsentSnapshot DIAGNOSTICS_ONLY =
            consent("IN").purpose("diagnostics", granted(BEFORE, "d1")).build();

    @Test
    void fieldsWithoutConsentAreTransformedAndListed() {
        Decision decision = decide(event("device.heartbeat", """
                {'device':{'imei':'490154203237518','model':'Pixel 9'},'ip':'203.0.113.7',
                 'sentAt':'2026-11-24T09:13:27Z','batteryPct':81}"""), DIAGNOSTICS_ONLY);

        assertThat(decision.outcome()).isEqualTo(Outcome.ANONYMISED);
        assertThat(decision.storedAttributes())
                .isEqualTo(json("""
                {'device':{'imei':'%s','model':'Pixel 9'},'ip':'203.0.113.0','sentAt':'2026-11-24T09:00:00Z','batteryPct':81}
                """.formatted(PSEUDONYMISER.pseudonymise("490154203237518"))));
        assertThat(decision.fields())
                .containsExactly(
                        new FieldAction("device.imei", "device.identifier", "pseudonymise", Reason.CONSENT_MISSING),
                        new FieldAction("ip", "network.ip", "truncate_ip", Reason.CONSENT_MISSING),
                        new FieldAction("sentAt", "time.precise", "coarsen_time", Reason.CONSENT_MISSING));
        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_MISSING);
        assertThat(decision.consentRecordIds()).containsExactly("d1");
    }

    @Test
    void urlsAreReducedToTheirDomainWithoutPersonalisation() {
        Decision decision = decide(
                event(
                        "browsing.page_view",
                        "{'url':'https://alice@news.example:8443/story?id=7','title':'Alice Smith is ill','durationMs':5300}"),
                NO_PERSONALISATION);

        assertThat(decision.storedAttributes()).isEqualTo(json("{'url':'https://news.example','durationMs':5300}"));
        assertThat(decision.fields())
                .containsExactly(
                        new FieldAction("url", "behaviour.browsing", "url_domain", Reason.CONSENT_MISSING),
                        new FieldAction("title", "behaviour.page_content", "drop", Reason.CONSENT_MISSING));
    }

    @Test
    void everyArrayElementIsClassifiedAndReportedOnce() {
        Decision decision = decide(event("music.play", """
                {'tracks':[{'artist':'A','title':'T1','durationMs':200},{'artist':'B','title':'T2','durationMs':180}],
                 'source':'radio'}"""), NO_PERSONALISATION);

        assertThat(decision.storedAttributes())
                .isEqualTo(json("{'tracks':[{'durationMs':200},{'durationMs':180}],'source':'radio'}"));
        assertThat(decision.fields())
                .containsExactly(
                        new FieldAction("tracks[].artist", "preference.music", "drop", Reason.CONSENT_MISSING),
                        new FieldAction("tracks[].title", "preference.music", "drop", Reason.CONSENT_MISSING));
    }

    @Test
    void containersLeftEmptyByDropsAreRemoved() {
        Decision decision = decide(
                event("music.play", "{'tracks':[{'artist':'A'},{'title':'T'}],'source':'radio'}"), NO_PERSONALISATION);

        assertThat(decision.storedAttributes()).isEqualTo(json("{'source':'radio'}"));
    }

    @Test
    void unclassifiedFieldsAreDroppedWithTheirFullPath() {
        Decision decision = decide(event("browsing.page_view", """
                {'durationMs':1,'email':'alice@example.com','device':{'model':'P9','owner':{'name':'Alice'}},
                 'tracks':[1,2],'extra':{},'location':{'lat':12.97,'accuracy':5}}"""), grantedAll("IN"));

        assertThat(decision.outcome()).isEqualTo(Outcome.ANONYMISED);
        assertThat(decision.storedAttributes())
                .isEqualTo(json("{'durationMs':1,'device':{'model':'P9'},'location':{'lat':12.97}}"));
        assertThat(decision.fields())
                .extracting(FieldAction::path)
                .containsExactly("email", "device.owner.name", "tracks[]", "extra", "location.accuracy");
        assertThat(decision.fields()).allSatisfy(f -> {
            assertThat(f.category()).isNull();
            assertThat(f.action()).isEqualTo("drop");
            assertThat(f.reason()).isEqualTo(Reason.UNCLASSIFIED_FIELD);
        });
        assertThat(decision.reasons()).containsExactly(Reason.UNCLASSIFIED_FIELD);
    }

    @Test
    void unclassifiedFieldsRejectTheEventWhenThePolicySaysSo() {
        Policy strict = policy("""
                version: v1
                purposes: [analytics]
                categories: {technical: {}}
                eventTypes: {ping: {fields: {battery: technical}}}
                unclassifiedFields: reject
                jurisdictions: {"*": {zones: [global]}}
                """);

        Decision decision =
                decide(event("ping", "{'battery':80,'nested':{'email':'alice@example.com'}}"), null, strict);

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reasons()).containsExactly(Reason.UNCLASSIFIED_FIELD);
        assertThat(decision.fields())
                .containsExactly(new FieldAction("nested.email", null, "reject", Reason.UNCLASSIFIED_FIELD));
        assertThat(decision.storedAttributes()).isNull();
        assertThat(decision.zone()).isEqualTo("global");
    }

    @Test
    void rejectOperatorRejectsTheEventAndListsOnlyThatField() {
        Policy rejecting = policy("""
                version: v1
                purposes: [analytics, advertising]
                categories:
                  ad: {purpose: advertising, withoutConsent: reject}
                  ip: {purpose: advertising, withoutConsent: truncate_ip}
                eventTypes: {ping: {fields: {ip: ip, adId: ad}}}
                jurisdictions: {"*": {zones: [global]}}
                """);

        Decision decision = decide(event("ping", "{'ip':'203.0.113.7','adId':'x-1','more':1}"), null, rejecting);

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_MISSING);
        assertThat(decision.fields()).containsExactly(new FieldAction("adId", "ad", "reject", Reason.CONSENT_MISSING));
    }

    @Test
    void valuesAnOperatorCannotHandleAreDroppedAsInvalid() {
        Decision decision =
                decide(event("device.heartbeat", "{'ip':'not-an-ip','sentAt':12345,'batteryPct':3}"), DIAGNOSTICS_ONLY);

        assertThat(decision.storedAttributes()).isEqualTo(json("{'batteryPct':3}"));
        assertThat(decision.fields())
                .containsExactly(
                        new FieldAction("ip", "network.ip", "drop", Reason.INVALID_VALUE),
                        new FieldAction("sentAt", "time.precise", "drop", Reason.INVALID_VALUE));
        assertThat(decision.reasons()).containsExactly(Reason.INVALID_VALUE);
    }

    @Test
    void aClassifiedPathTakesItsWholeSubtree() {
        Decision decision = decide(
                event("crash.report", "{'stackTrace':{'frames':['a','b'],'cause':{'x':null}}}"), DIAGNOSTICS_ONLY);

        assertThat(decision.outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void keepOperatorKeepsTheFieldUnlisted() {
        Policy keeping = policy("""
                version: v1
                purposes: [analytics]
                categories: {coarse: {purpose: analytics, withoutConsent: keep}}
                eventTypes: {ping: {fields: {country: coarse}}}
                jurisdictions: {"*": {zones: [global]}}
                """);

        Decision decision = decide(event("ping", "{'country':'IN'}"), null, keeping);

        assertThat(decision.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(decision.fields()).isEmpty();
    }

    @Test
    void theInputIsNeverChangedAndUnchangedSubtreesAreShared() {
        EventInput event = event("browsing.page_view", """
                {'url':'https://news.example/a','device':{'model':'P9'},
                 'location':{'lat':12.97,'lon':77.59},'email':'alice@example.com'}""");
        ObjectNode before = event.attributes().deepCopy();

        Decision decision = decide(event, NO_PERSONALISATION);

        assertThat(event.attributes()).isEqualTo(before);
        assertThat(decision.storedAttributes()).isNotSameAs(event.attributes());
        assertThat(decision.storedAttributes().get("device"))
                .isSameAs(event.attributes().get("device"));
        assertThat(decision.storedAttributes().get("location"))
                .isSameAs(event.attributes().get("location"));
    }

    @Test
    void anEmptyEventIsAccepted() {
        Decision decision = decide(event("browsing.page_view", "{}"), grantedAll("IN"));

        assertThat(decision.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(decision.storedAttributes()).isEqualTo(json("{}"));
    }
}
