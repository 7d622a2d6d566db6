-- The credential registry (issue 5): contractor workers, their certificates (特种作业操作证) and
-- work-injury insurance (社保参保核验) as the verification services confirmed them, the evidence of
-- every verification (its SHA-256 anchored like an action), and contractors' result webhooks.

create table credential_workers (
    worker_id        text primary key,            -- the person id permits name (workers[])
    contractor_id    text        not null,
    name             text        not null,
    id_number        text        not null,        -- 居民身份证号码; never logged or answered unmasked
    submission       jsonb       not null,        -- certificates and insurance as the contractor sent them
    submission_hash  text        not null,        -- a repeat of the same submission changes nothing
    status           text        not null,        -- PENDING | VALID | EXPIRING | INVALID
    valid_until      date,
    reasons          jsonb       not null default '[]',
    next_check_at    timestamptz,                 -- PENDING: when the checks are tried (again)
    attempts         int         not null default 0,
    last_error       text,
    checked_at       timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index credential_workers_contractor_idx on credential_workers (contractor_id, worker_id);
create index credential_workers_due_idx on credential_workers (next_check_at) where status = 'PENDING';

-- One row per certificate of a worker; only AUTHENTIC ones reach the permit rules.
create table credential_certificates (
    worker_id        text not null references credential_workers (worker_id) on delete cascade,
    number           text not null,
    category         text not null,
    operation_item   text,
    issued_on        date not null,
    valid_until      date,
    review_due_on    date,
    revoked          boolean not null default false,
    last_worked_on   date,                         -- declared by the contractor (Order 30 Art. 32)
    verification     text not null,               -- PENDING | AUTHENTIC | NOT_FOUND | MISMATCH
    evidence_id      uuid,
    primary key (worker_id, number)
);

create table credential_insurance (
    worker_id      text primary key references credential_workers (worker_id) on delete cascade,
    status         text not null,                 -- UNVERIFIED | INSURED | NOT_INSURED
    covered_from   date,
    covered_until  date,
    evidence_id    uuid
);

-- Every verification service answer, as received (ID numbers masked in the request summary).
create table verification_evidence (
    id             uuid primary key,
    worker_id      text        not null,
    system         text        not null,          -- certificate | social-insurance
    subject        text        not null,          -- certificate number or masked ID number
    outcome        text        not null,
    response_body  text        not null,
    response_hash  text        not null,          -- SHA-256 of the body, anchored on the ledger
    received_at    timestamptz not null
);
create index verification_evidence_worker_idx on verification_evidence (worker_id, received_at);

-- Inclusion proofs of anchored records that are not permit actions (verification evidence).
create table record_proofs (
    record_id     uuid primary key,
    record_kind   text   not null,
    sequence      bigint not null unique,
    batch_id      text   not null references ledger_batches (batch_id),
    leaf_index    int    not null,
    record_hash   text   not null,
    path          jsonb  not null
);

-- A contractor's webhook for verification results (HMAC-SHA256 signed).
create table partner_webhooks (
    contractor_id  text primary key,
    url            text        not null,
    secret         text        not null,
    created_at     timestamptz not null default now()
);
