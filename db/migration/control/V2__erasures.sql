-- Erasure is itself audited: one row per erasure request, so a controller can show when a subject's
-- data was erased and by whom. The subject is named only by its pseudonym; recording the raw id here
-- would undo the erasure it documents.
create table erasures (
    id                bigserial   primary key,
    subject_pseudonym text        not null,
    erased_by         text        not null,  -- the API key id (or "bootstrap")
    erased_at         timestamptz not null default now(),
    -- {"zones": {"in": {"eventsDeleted": n, "decisionsPseudonymised": m}, ...}, "consentRecordsPseudonymised": k}
    counts            jsonb       not null
);
-- "Was this subject erased, and when?" is asked by pseudonym.
create index erasures_subject on erasures (subject_pseudonym, erased_at);
