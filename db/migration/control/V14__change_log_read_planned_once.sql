-- Every node reads the change log on every request that finds no read in flight (docs/DESIGN.md, "Caches
-- that are correct across replicas"), hundreds of times a second under load. Sent as a prepared statement,
-- the read was planned afresh each time: its range branch is an index probe only when the planner sees the
-- value, so PostgreSQL kept choosing custom plans, and planning took 59% of the control store's CPU in the
-- single-event benchmark (80 to 135 µs a read, against 5 µs for a generic plan; docs/BENCHMARKS.md,
-- 4 December 2026). Inside this function the read is planned once per connection. Seq scans are off so that
-- the generic plan, which cannot see how few entries the range holds, still probes the index on xid
-- whatever the log's size and order.
create function change_log_unseen(previous text)
    returns table (seen_snapshot text, change_id bigint, change_kind text, change_subject text)
    language plpgsql
    volatile
    set plan_cache_mode = force_generic_plan
    set enable_seqscan = off
as $$
begin
    -- One statement, so one snapshot answers both the snapshot it returns and the entries it reads.
    return query
        select pg_current_snapshot()::text, null::bigint, null::text, null::text
        union all
        select null, c.id, c.kind, c.subject from change_log c
        where c.xid >= pg_snapshot_xmax(cast(previous as pg_snapshot))
        union all
        select null, c.id, c.kind, c.subject from change_log c
        where c.xid = any(array(select pg_snapshot_xip(cast(previous as pg_snapshot))));
end
$$;
