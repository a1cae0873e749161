-- Lighter writes without slower audits (issue 15). V2 gave every decision row eight secondary indexes, two of
-- them GIN; each insert paid for all of them. Measured with `bench/run --audit-only` on 1,000,000 decisions
-- (docs/BENCHMARKS.md), the audit queries officers run are as fast or faster with three (one, `to` alone,
-- misses its target with either set: docs/BENCHMARKS.md says why and what would fix it):
--   * equality filters on few distinct values (appId, type, jurisdiction, outcome) and the array/JSON filters
--     (reason, category, action) match a large share of a store, so "newest first by sequence" walks the
--     primary key backwards and stops after one page; a per-column index only saved work for rare values;
--   * subjectId matches a handful of rows among millions: it keeps its index (erasure and the subject report
--     use it too), and so does the event id lookup (PostgreSQL 15 has no skip scan over decisions_app_event);
--   * receipt time grows with the sequence, so a BRIN index (a few pages for the whole table, near-free to
--     maintain) narrows from/to ranges for summaries and exports as well as the B-tree did.
-- Plain (not CONCURRENTLY) statements: Flyway runs this in a transaction at start-up, before traffic.

drop index if exists decisions_app;
drop index if exists decisions_event_type;
drop index if exists decisions_jurisdiction;
drop index if exists decisions_outcome;
drop index if exists decisions_reasons;
drop index if exists decisions_fields;

drop index if exists decisions_received_at;
create index decisions_received_at on decisions using brin (received_at) with (pages_per_range = 32);
