-- The regulator API (issue 7): search indexes, the audit log of regulator queries, random
-- inspections (双随机) and the ledger proofs of records that are not permit actions.

-- search: newest applications first, keyset (applied_at, permit_no); the jurisdiction is a prefix
create index permits_applied_keyset_idx on permits (applied_at desc, permit_no desc);
create index permits_division_prefix_idx on permits (division_code text_pattern_ops);

-- the chemical park (化工园区) an enterprise belongs to, for the park filter of the search
alter table enterprises add column park_id text;

-- approval-time plausibility: how many permits one approver signed in the same second
create index permit_actions_approvals_idx on permit_actions ((data ->> 'approverId'), (left(data ->> 'at', 19)))
    where type = 'APPROVE';

-- the alarm heat map reads the alert outbox rows of a time window
create index outbox_alerts_created_idx on outbox (created_at) where destination = 'alerts';

-- every regulator query: who, what, when, how many records
create table regulator_audit (
    id            bigserial primary key,
    at            timestamptz not null,
    subject       text        not null,
    role          text,
    jurisdiction  text,
    method        text        not null,
    path          text        not null,
    query         text,
    status        int         not null,
    record_count  int,
    duration_ms   int         not null
);
create index regulator_audit_at_idx on regulator_audit (at);
create index regulator_audit_subject_idx on regulator_audit (subject, at);

-- 双随机 draws: the seed and the result are stored, and their hash is anchored like an action
create table random_inspections (
    inspection_id    uuid primary key,
    jurisdiction     text        not null,
    target           text        not null,
    seed             bigint      not null,
    sample_size      int         not null,
    population_size  int         not null,
    population_hash  text        not null,
    criteria         jsonb       not null,
    result           jsonb       not null,
    drawn_by         text        not null,
    drawn_at         timestamptz not null,
    hash             text        not null
);
create index random_inspections_jurisdiction_idx on random_inspections (jurisdiction, drawn_at desc);

-- records that are not actions (random inspections) are anchored into record_proofs (V5)

-- linked permits: temporary power serving a hot-work or confined-space permit (GB 30871-2022 §10.8)
create index permits_parent_permit_idx on permits ((snapshot #>> '{application,details,parentPermitNo}'))
    where snapshot #>> '{application,details,parentPermitNo}' is not null;

-- a permit's alerts (detail, compliance flags)
create index outbox_alerts_permit_idx on outbox (aggregate_id) where destination = 'alerts';

-- a draw is evidence: like permit actions it is never edited or deleted
create function random_inspections_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'random_inspections is append-only';
end;
$$;
create trigger random_inspections_no_update before update or delete on random_inspections
    for each row execute function random_inspections_append_only();
