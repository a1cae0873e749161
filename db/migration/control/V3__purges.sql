-- Retention purges that deleted anything: evidence that expired events really are removed, per zone.
-- Runs that found nothing are not recorded, so an idle deployment does not fill this table hourly.
create table purges (
    id           bigserial   primary key,
    started_at   timestamptz not null,
    finished_at  timestamptz not null,
    trigger      text        not null check (trigger in ('scheduled', 'on-demand')),
    requested_by text,                  -- the API key id of an on-demand run
    counts       jsonb       not null,  -- {"in": 120, "eu": 0}: events deleted per zone
    total        bigint      not null
);
create index purges_started_at on purges (started_at);
