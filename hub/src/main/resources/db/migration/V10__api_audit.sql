-- The audit log covers the partner API (contractors) as well as the regulator API: one table, the
-- API in a column, with the contractor the token acts for and the records (workers) a request
-- named, read or changed. ID numbers are masked before a row is written (gateway/AuditFilter).
alter table regulator_audit rename to api_audit;
alter sequence regulator_audit_id_seq rename to api_audit_id_seq;
alter index regulator_audit_at_idx rename to api_audit_at_idx;
alter index regulator_audit_subject_idx rename to api_audit_subject_idx;
alter index regulator_audit_pkey rename to api_audit_pkey;

alter table api_audit add column api text not null default 'regulator';
alter table api_audit alter column api drop default;
alter table api_audit add column contractor_id text;
alter table api_audit add column record_ids text[];

create index api_audit_api_idx on api_audit (api, at);
create index api_audit_contractor_idx on api_audit (contractor_id, at) where contractor_id is not null;
create index api_audit_record_ids_idx on api_audit using gin (record_ids) where record_ids is not null;
