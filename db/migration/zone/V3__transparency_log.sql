-- The store's transparency log (RFC 9162 hashing, docs/AUDIT.md): leaf i is the RFC 8785 canonical JSON of
-- the decision with sequence i + 1. Writers extend it in the same transaction as the decisions, under the
-- chain head lock they already take, so the log and the rows move together.

-- The log's size and its right edge (the hashes of its maximal complete subtrees, largest first,
-- concatenated): all an append needs, and the root folds from it.
alter table chain_head add column tree_size bigint not null default 0;
alter table chain_head add column tree_frontier bytea not null default '\x'::bytea;

-- Every complete subtree: 2^level leaves from idx * 2^level. About two rows per leaf; a proof reads
-- O(log n) of them, so nothing ever rebuilds the tree from the rows.
create table log_nodes (
    level smallint not null,
    idx   bigint   not null,
    hash  bytea    not null,
    primary key (level, idx)
);

-- Every checkpoint the service signed for this log. The newest is what a new one must extend.
create table log_checkpoints (
    tree_size bigint      primary key,
    root      bytea       not null,
    note      text        not null,
    signed_at timestamptz not null
);

-- The log replaces the SHA-256 chain (decisions.hash, chain_head.last_hash): it covers the same content
-- per decision, and an outsider can check it. Existing decisions become leaves at start-up (back-fill).
alter table decisions drop column hash;
alter table chain_head drop column last_hash;
