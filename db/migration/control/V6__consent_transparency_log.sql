-- The consent ledger's transparency log (docs/AUDIT.md), named "consent": leaf i is the RFC 8785 canonical
-- JSON of the (i + 1)-th record appended. The head row is locked by each append, which orders the log.
create table consent_log_head (
    id            int    primary key check (id = 1),
    tree_size     bigint not null,
    tree_frontier bytea  not null
);
insert into consent_log_head (id, tree_size, tree_frontier) values (1, 0, '\x'::bytea);

create table consent_log_nodes (
    level smallint not null,
    idx   bigint   not null,
    hash  bytea    not null,
    primary key (level, idx)
);

create table consent_log_checkpoints (
    tree_size bigint      primary key,
    root      bytea       not null,
    note      text        not null,
    signed_at timestamptz not null
);

-- Where each record sits in the log, and the subject's pseudonym its entry carries: erasure replaces
-- subject_id by the pseudonym later, and no leaf may change when it does.
alter table consent_records add column log_index bigint unique;
alter table consent_records add column subject_ref text;
