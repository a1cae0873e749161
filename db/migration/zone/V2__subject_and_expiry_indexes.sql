-- Subject rights look a subject up in every zone (report, erasure), and retention finds expired events.
-- Without these, each is a scan of the whole zone, and erasure holds the chain head while it scans.
create index events_subject on events (subject_id);
create index decisions_subject on decisions (subject_id);
create index events_expires_at on events (expires_at) where expires_at is not null;
