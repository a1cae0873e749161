-- The log's complete subtrees, 32 to a row (docs/AUDIT.md, "How it is stored"): a row per subtree was about two
-- indexed rows per decision, PostgreSQL's largest cost in a group commit after the decision and event rows.
-- Row (level, block) holds the hashes of subtrees block * 32 to block * 32 + 31 of that level, concatenated
-- in order; an append extends the last block of each level. A full block, 1 KiB, is under the size at which
-- PostgreSQL would try to compress a row or move a value out of line; storage plain says so outright.
create table log_node_blocks (
    level  smallint not null,
    block  bigint   not null,
    hashes bytea    not null check (octet_length(hashes) between 32 and 1024 and octet_length(hashes) % 32 = 0),
    primary key (level, block)
);
alter table log_node_blocks alter column hashes set storage plain;

-- A block is carried over only when its rows are consecutive from its start: a hash at another position
-- than its own would make proofs lie, where a missing one only makes them fail.
insert into log_node_blocks (level, block, hashes)
select level, idx / 32, string_agg(hash, ''::bytea order by idx)
from log_nodes
group by level, idx / 32
having min(idx) % 32 = 0 and count(*) = max(idx) - min(idx) + 1;

drop table log_nodes;
