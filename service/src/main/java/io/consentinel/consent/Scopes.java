package io.consentinel.consent;

/**
 * Which records count in an app's view of the ledger: the app's own and the vendor-wide ones (no scope).
 * With no app named (an officer's or admin's view), every record counts. The ledger's JPA reads say the
 * same in JPQL ({@link ConsentRecords#view}).
 */
final class Scopes {

    private Scopes() {}

    static boolean countsIn(String recordScope, String viewAppId) {
        return viewAppId == null || recordScope == null || recordScope.equals(viewAppId);
    }
}
