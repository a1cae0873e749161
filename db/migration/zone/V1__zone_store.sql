-- A residency zone's store. Each zone is a separate database: residency is where bytes are written.

-- One row per decision, chained: hash = SHA-256(previous hash || canonical content), see DecisionChain.
-- The chain covers subject_ref (the subject's pseudonym), not subject_id, so erasure can replace the
-- id by its pseudonym without breaking the chain.
create table decisions (
    sequence           bigint      primary key,
    event_id           uuid        not null,
    app_id             text        not null,
    subject_id         text        not null,
    subject_ref        text        not null,
    event_type         text        not null,
    jurisdiction       text,
    zone               text,
    outcome            text        not null check (outcome in ('accepted', 'anonymised', 'rejected')),
    reasons            text[]      not null,
    fields             jsonb       not null,
    consent_record_ids text[]      not null,
    policy_version     text        not null,
    occurred_at        timestamptz not null,
    received_at        timestamptz not null,
    hash               bytea       not null,
    -- Idempotency is the database's job: one decision per app and event id, whatever the races.
    constraint decisions_app_event unique (app_id, event_id)
);

-- What was stored of an event, after anonymisation. Original values are never written anywhere.
create table events (
    app_id      text        not null,
    event_id    uuid        not null,
    sequence    bigint      not null references decisions (sequence),
    subject_id  text        not null,
    event_type  text        not null,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    expires_at  timestamptz,
    attributes  jsonb       not null,
    primary key (app_id, event_id)
);

-- The head of the chain. Writers lock this row for the length of one group commit, which orders the
-- chain across every node writing to this zone; it also lets the verifier notice a deleted tail.
create table chain_head (
    id            int    primary key check (id = 1),
    last_sequence bigint not null,
    last_hash     bytea  not null
);
insert into chain_head (id, last_sequence, last_hash) values (1, 0, decode(repeat('00', 32), 'hex'));
