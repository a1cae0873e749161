package io.consentinel.decision;

import static io.consentinel.decision.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Step 4: whether a purpose counts as granted for this event, and the reason when not. */
class DecisionConsentTests {

    private static final String PAGE_VIEW = "{'url':'https://news.example/a','durationMs':5300}";
    private static final Instant LATER = Instant.parse("2026-11-24T09:59:59Z");

    private static Decision pageView(ConsentSnapshot consent) {
        return decide(event("browsing.page_view", PAGE_VIEW), consent);
    }

    @Test
    void subjectWithoutAnyRecordIsMissingConsent() {
        Decision decision = pageView(null);

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_MISSING);
        assertThat(decision.zone()).isEqualTo("in");
        assertThat(decision.consentRecordIds()).isEmpty();
    }

    @Test
    void purposeNeverMentionedIsMissingConsent() {
        Decision decision = pageView(
                consent("IN").purpose("personalisation", granted(BEFORE, "r1")).build());

        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_MISSING);
    }

    @Test
    void denialWithoutAnEarlierGrantIsMissingConsent() {
        Decision decision = pageView(
                consent("IN").purpose("analytics", denied(BEFORE, "r1")).build());

        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_MISSING);
        assertThat(decision.consentRecordIds()).containsExactly("r1");
    }

    @Test
    void withdrawnConsentRejectsTheEvent() {
        Decision decision = pageView(consent("IN")
                .purpose("analytics", granted(BEFORE, "r1"), denied(BEFORE.plusSeconds(60), "r2"))
                .build());

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_WITHDRAWN);
        assertThat(decision.storedAttributes()).isNull();
        assertThat(decision.consentRecordIds()).containsExactly("r2");
    }

    @Test
    void withdrawalAfterTheEventButBeforeProcessingStillRejectsIt() {
        Decision decision = pageView(consent("IN")
                .purpose("analytics", granted(BEFORE, "r1"), denied(LATER, "r2"))
                .build());

        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_WITHDRAWN);
    }

    @Test
    void consentGrantedAfterTheEventDoesNotCoverIt() {
        Decision decision = pageView(
                consent("IN").purpose("analytics", granted(LATER, "r1")).build());

        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_MISSING);
        assertThat(decision.consentRecordIds()).containsExactly("r1");
    }

    @Test
    void consentRegrantedAfterAWithdrawalDoesNotCoverEventsInTheGap() {
        Decision decision = pageView(consent("IN")
                .purpose("analytics", granted(BEFORE, "r1"), denied(BEFORE.plusSeconds(60), "r2"), granted(LATER, "r3"))
                .build());

        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_WITHDRAWN);
        assertThat(decision.consentRecordIds()).containsExactly("r3", "r2");
    }

    @Test
    void consentExpiredByProcessingTimeIsExpired() {
        Decision decision = pageView(consent("IN")
                .purpose("analytics", grantedUntil(BEFORE, LATER, "r1"))
                .build());

        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_EXPIRED);
    }

    @Test
    void consentExpiringExactlyNowIsExpired() {
        Decision decision = pageView(consent("IN")
                .purpose("analytics", grantedUntil(BEFORE, NOW, "r1"))
                .build());

        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_EXPIRED);
    }

    @Test
    void consentThatHadExpiredWhenTheEventOccurredIsExpiredEvenIfRenewedSince() {
        Instant expiredAt = OCCURRED.minusSeconds(3600);
        Decision decision = pageView(consent("IN")
                .purpose("analytics", grantedUntil(BEFORE, expiredAt, "r1"), granted(LATER, "r2"))
                .build());

        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_EXPIRED);
        assertThat(decision.consentRecordIds()).containsExactly("r2", "r1");
    }

    @Test
    void consentValidAtBothInstantsIsGranted() {
        Decision decision = pageView(consent("IN")
                .grantedAllBut()
                .purpose("analytics", grantedUntil(BEFORE, NOW.plusSeconds(1), "r1"))
                .build());

        assertThat(decision.outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void childIsProtectedFromForbiddenPurposesWhateverTheConsentSays() {
        ConsentSnapshot child = childConsent("IN").grantedAllBut().build();

        Decision decision = pageView(child);

        assertThat(decision.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(decision.reasons()).containsExactly(Reason.CHILD_PROTECTED);
        assertThat(decision.consentRecordIds()).isEmpty();
    }

    @Test
    void childProtectionDependsOnTheJurisdiction() {
        ConsentSnapshot germanChild = childConsent("DE").grantedAllBut().build();

        Decision pageView = pageView(germanChild);
        Decision heartbeat =
                decide(event("device.heartbeat", "{'device':{'advertisingId':'38400000-8cf0-11bd'}}"), germanChild);

        assertThat(pageView.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(heartbeat.fields())
                .containsExactly(new FieldAction(
                        "device.advertisingId", "advertising.identifier", "drop", Reason.CHILD_PROTECTED));
    }

    @Test
    void eachPurposeIsEvaluatedOnceAndItsRecordsListedOnce() {
        ConsentSnapshot consent = consent("IN")
                .grantedAllBut("personalisation")
                .purpose("personalisation", granted(BEFORE, "p1"), denied(BEFORE.plusSeconds(1), "p2"))
                .build();

        Decision decision = decide(
                event(
                        "browsing.page_view",
                        "{'url':'https://a.example/x','referrer':'https://b.example/y','title':'t'}"),
                consent);

        assertThat(decision.consentRecordIds()).containsExactly("r-all", "p2");
        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_WITHDRAWN);
    }

    @Test
    void changesHandedOverOutOfOrderAreJudgedInLedgerOrder() {
        Decision decision = pageView(consent("IN")
                .purpose("analytics", denied(BEFORE.plusSeconds(60), "r2"), granted(BEFORE, "r1"))
                .build());

        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_WITHDRAWN);
    }
}
