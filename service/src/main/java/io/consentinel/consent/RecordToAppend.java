package io.consentinel.consent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A validated record on its way into the ledger: the command, its effective purposes, who made it and in
 * which scope ({@code appId}, null when vendor-wide). Its id is made here, before the insert.
 */
record RecordToAppend(
        UUID id,
        String subjectId,
        ConsentCommand command,
        Map<String, String> purposes,
        Instant recordedAt,
        String recordedBy,
        String appId) {}
