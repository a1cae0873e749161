-- Lighter writes, continued (issue 15). Random keys are what make an index dear to maintain: each insert lands
-- on a page anywhere in the tree, which under load is often cold and, after a checkpoint, writes a whole-page
-- image to the WAL. Until V8 a decision fed two B-trees on its random event id, and a stored event two more on
-- random keys. Now each key has one index:
--   * the unique constraint on (event_id, app_id) replaces both the one on (app_id, event_id) and decisions_event,
--     which V5 kept for lookups by event id alone because PostgreSQL 15 cannot skip-scan an index that starts
--     with app_id. Event id first, it serves the idempotency check, the writer's look-up of events already
--     stored, and GET /v1/audit/decisions/{eventId} with or without an app;
--   * an event row is its decision's: its primary key becomes the decision's sequence (already a foreign key
--     to it, and written in the same transaction), which only ever grows. The stored attributes of a decision
--     are read by its sequence, and the subject report and erasure reach the subject's events through its
--     decisions (decisions_subject), so events_subject and the (app_id, event_id) key go. Uniqueness of
--     (app_id, event_id) among events follows from the decisions' constraint and this key.
-- The new constraints are built before the old ones go, so uniqueness holds throughout. Plain statements:
-- Flyway runs this in a transaction at start-up, before traffic (each new index reads its table once).

alter table decisions add constraint decisions_event_app unique (event_id, app_id);
alter table decisions drop constraint decisions_app_event;
drop index if exists decisions_event;

create unique index events_sequence on events (sequence);
alter table events drop constraint events_pkey;
alter table events add constraint events_pkey primary key using index events_sequence;
drop index if exists events_subject;
