-- Control store: API keys, policy versions and the consent ledger, shared by every node.

-- Cross-node cache invalidation. Every change that a node may have cached (a consent record, a policy
-- activation, a key revocation) bumps this single counter in the same transaction and logs what changed.
-- Because the counter row is locked by the update, versions are handed out in commit order: a node that
-- has seen version N has seen every change up to N, which a sequence could not promise.
create table control_clock (
    id      int    primary key check (id = 1),
    version bigint not null
);
insert into control_clock (id, version) values (1, 0);

create table change_log (
    version    bigint      primary key,
    kind       text        not null check (kind in ('consent', 'policy', 'key')),
    subject    text,
    changed_at timestamptz not null default now()
);
-- Pruning removes old entries by age.
create index change_log_changed_at on change_log (changed_at);

create table api_keys (
    id         uuid        primary key,
    name       text        not null,
    role       text        not null check (role in ('app', 'officer', 'admin')),
    app_id     text,
    key_hash   text        not null unique,  -- SHA-256 of the key; the key itself is never stored
    key_prefix text        not null,
    created_at timestamptz not null,
    revoked_at timestamptz,
    check ((role = 'app') = (app_id is not null))
);

create table policy_versions (
    version        text        primary key,
    document       text        not null,          -- the validated document, as canonical JSON
    created_at     timestamptz not null,
    activated_at   timestamptz not null,
    -- Exactly one version is active: the one with the highest activation number.
    activation_seq bigint      not null unique
);

-- The consent ledger is append-only: the service has no update or delete path for these rows, except
-- erasure, which replaces the subject id by its pseudonym.
create table consent_records (
    id             uuid        primary key,
    seq            bigserial   not null unique,
    subject_id     text        not null,
    jurisdiction   text        not null,
    notice_version text        not null,
    captured_at    timestamptz not null,
    expires_at     timestamptz,
    source         text,
    child          boolean,
    tc_string      text,
    gpc            boolean,
    recorded_at    timestamptz not null,
    recorded_by    text        not null,  -- the API key id (or "bootstrap")
    app_id         text
);
-- History reads and cache loads fetch one subject's records in capture order.
create index consent_records_subject on consent_records (subject_id, captured_at, seq);

-- The effective purpose statuses of each record: explicit ones, those derived from a TC string, and GPC.
create table consent_record_purposes (
    record_id uuid not null references consent_records (id),
    purpose   text not null,
    status    text not null check (status in ('granted', 'denied')),
    primary key (record_id, purpose)
);

-- Current state, maintained on append so that reads never replay the history.
create table consent_subjects (
    subject_id       text        primary key,
    jurisdiction     text        not null,
    child            boolean     not null,
    last_captured_at timestamptz not null,
    updated_at       timestamptz not null
);

create table consent_purposes (
    subject_id     text        not null references consent_subjects (subject_id),
    purpose        text        not null,
    status         text        not null check (status in ('granted', 'denied')),
    since          timestamptz not null,
    expires_at     timestamptz,
    notice_version text        not null,
    record_id      uuid        not null,
    primary key (subject_id, purpose)
);
