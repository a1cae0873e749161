-- Indexes behind the compliance officers' audit API (docs/AUDIT.md). Every audit page reads one store
-- newest first by sequence, so the equality filters are composite with sequence: the planner can walk
-- the index backwards and stop after one page instead of sorting every match.
-- Plain (not CONCURRENTLY) builds: Flyway runs this in a transaction before the store takes traffic.
-- There is no index on zone: each store holds exactly one zone, so the zone filter picks the store.

-- from/to (receipt time) on lists, exports and summaries.
create index decisions_received_at on decisions (received_at);

-- subjectId filter, the subject report and erasure, which look decisions up by subject.
create index decisions_subject on decisions (subject_id, sequence);

-- appId filter. The unique (app_id, event_id) constraint cannot serve "newest first" for one app.
create index decisions_app on decisions (app_id, sequence);

-- GET /v1/audit/decisions/{eventId} looks an event up without its app id.
create index decisions_event on decisions (event_id);

-- type, jurisdiction and outcome filters.
create index decisions_event_type on decisions (event_type, sequence);
create index decisions_jurisdiction on decisions (jurisdiction, sequence);
create index decisions_outcome on decisions (outcome, sequence);

-- reason filter: reasons @> array['CONSENT_MISSING'].
create index decisions_reasons on decisions using gin (reasons);

-- category and action filters: fields @> '[{"category": "...", "action": "..."}]'. jsonb_path_ops is
-- smaller and faster than the default opclass, and containment is the only operator we need.
create index decisions_fields on decisions using gin (fields jsonb_path_ops);

-- Retention: stored events are purged once expires_at has passed.
create index events_expires_at on events (expires_at) where expires_at is not null;

-- Erasure and the subject report find a subject's stored events in every zone.
create index events_subject on events (subject_id);
