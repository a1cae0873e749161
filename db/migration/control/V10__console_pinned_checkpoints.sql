-- The checkpoint of each transparency log that the officer console last found consistent (issue 14,
-- second part). It lives in the control store so that every replica checks against the same pin, and a
-- log rewritten behind the service's back still shows as inconsistent after a restart that made the
-- service itself forget what it had signed.
CREATE TABLE console_pinned_checkpoints (
    log_name  text PRIMARY KEY,
    tree_size bigint NOT NULL CHECK (tree_size >= 0),
    root      bytea NOT NULL CHECK (length(root) = 32),
    signed_at timestamptz NOT NULL,
    pinned_at timestamptz NOT NULL
);
