-- Scopes (V4) make a subject's consent state depend on who asks: app X sees X's records merged with the
-- vendor-wide ones, so there is no single current state per subject to keep. Per-scope rows could not
-- merge either: which record is latest across scopes, and which one last stated `child`, needs each
-- record's capture time and ledger order. The state is therefore folded from the subject's records in
-- the asked-for view (one indexed read; the ingest path has its own cache), and these tables go.
drop table consent_purposes;
drop table consent_subjects;
