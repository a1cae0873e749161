-- Consent appends, policy activations and key revocations no longer serialise on one counter row
-- (docs/DESIGN.md, "Caches that are correct across replicas"). A change-log entry is numbered by a
-- sequence and carries its writer's transaction id; a node reads the entries of the transactions that its
-- previous read's snapshot saw running or not yet started, which is everything that read could not see.

-- The sequence continues from the clock, not from the newest entry: entries are pruned, and policy
-- activation numbers were clock versions.
create sequence change_log_id_seq as bigint;
select setval('change_log_id_seq', (select version from control_clock where id = 1) + 1, false);
drop table control_clock;

alter table change_log rename column version to id;
alter sequence change_log_id_seq owned by change_log.id;
alter table change_log alter column id set default nextval('change_log_id_seq');
alter table change_log add column xid xid8 not null default pg_current_xact_id();
create index change_log_xid on change_log (xid);
