-- Columns that several features share, added in one place so their migrations do not race:
-- * the collector role: a consent platform's or account service's backend, bound to no app;
-- * imported: a record an admin imported with a capture time older than the backdating limit;
-- * gpp_string: an IAB Global Privacy Platform string kept as evidence, as tc_string is.
-- consent_records.app_id is the record's scope: the app whose key wrote it, or null for a vendor-wide
-- record (written with a collector or admin key).
alter table api_keys drop constraint api_keys_role_check;
alter table api_keys add constraint api_keys_role_check check (role in ('app', 'collector', 'officer', 'admin'));

alter table consent_records add column imported boolean not null default false;
alter table consent_records add column gpp_string text;

-- Records written before scopes existed: an admin's (or the bootstrap key's) are vendor-wide, an app
-- key's belong to that key's app.
update consent_records r set app_id = k.app_id
from api_keys k
where r.recorded_by = k.id::text and k.role = 'app' and r.app_id is distinct from k.app_id;
update consent_records r set app_id = null
where r.app_id is not null
  and (r.recorded_by = 'bootstrap' or exists (select 1 from api_keys k where k.id::text = r.recorded_by and k.role = 'admin'));
