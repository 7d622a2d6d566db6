-- Enterprise connectors (issue 5): the government supervision platform's daily commitment,
-- MES isolation (LOTO) points with their evidence and unit run status, and the ERP registry
-- (employees, contractor companies, cost centres) with per-record hashes for change detection.

-- 安全风险研判与承诺公告: one per enterprise, site and local day; corrections raise the version.
create table daily_commitments (
    enterprise_code  text        not null,
    site_id          text        not null,
    commit_date      date        not null,
    commitment       jsonb       not null,
    version          bigint      not null,
    submitted_at     timestamptz not null,
    submitted_by     text        not null,
    due_at           timestamptz not null,
    late             boolean     not null,
    reconciled_at    timestamptz,
    primary key (enterprise_code, site_id, commit_date)
);
create index daily_commitments_unreconciled_idx on daily_commitments (commit_date) where reconciled_at is null;

-- Days for which a missing commitment was already raised (one alert per enterprise, site and day).
create table commitment_missing_alerts (
    enterprise_code  text not null,
    site_id          text not null,
    commit_date      date not null,
    raised_at        timestamptz not null default now(),
    primary key (enterprise_code, site_id, commit_date)
);

-- The live state of each isolation point of a permit as MES reports it
-- (GB 30871-2022 §4.2b, §5.2.2, §6.1): PENDING -> LOCKED -> VERIFIED -> REMOVED, never backwards.
create table isolation_points (
    permit_no    text        not null,
    point_id     text        not null,
    state        text        not null check (state in ('PENDING', 'LOCKED', 'VERIFIED', 'REMOVED')),
    mes_version  bigint      not null,
    reported_at  timestamptz not null,
    updated_at   timestamptz not null default now(),
    primary key (permit_no, point_id)
);

-- Every accepted state change with its evidence (who locked, lock number, who verified, photos).
-- Append-only, like the permit's own actions.
create table isolation_point_evidence (
    id           bigserial   primary key,
    permit_no    text        not null,
    point_id     text        not null,
    state        text        not null,
    mes_version  bigint      not null,
    evidence     jsonb       not null,
    source       text        not null,
    reported_at  timestamptz not null,
    received_at  timestamptz not null default now()
);
create index isolation_point_evidence_point_idx on isolation_point_evidence (permit_no, point_id, id);

create function isolation_point_evidence_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'isolation_point_evidence is append-only';
end;
$$;
create trigger isolation_point_evidence_no_update before update or delete on isolation_point_evidence
    for each row execute function isolation_point_evidence_append_only();

-- Unit (装置) run status from MES, also the platform's sec_device_run_status.
create table mes_unit_status (
    unit_code    text primary key,
    unit_name    text,
    run_status   text        not null,
    is_testing   boolean     not null default false,
    reported_at  timestamptz not null,
    record_hash  text        not null,
    updated_at   timestamptz not null default now()
);

-- ERP master data. Kept apart from the credential registry: these are HR and purchasing facts.
-- record_hash is SHA-256 of the record's canonical JSON: a pull applies only records whose hash changed.
create table erp_cost_centres (
    code         text primary key,
    name         text        not null,
    record_hash  text        not null,
    version      bigint      not null default 1,
    deleted      boolean     not null default false,
    updated_at   timestamptz not null default now()
);

create table erp_contractors (
    credit_code  text primary key,
    name         text        not null,
    record       jsonb       not null,
    record_hash  text        not null,
    version      bigint      not null default 1,
    deleted      boolean     not null default false,
    updated_at   timestamptz not null default now()
);

-- The ID-card number is kept masked (first 6 and last 4) plus its SHA-256, never in clear.
create table erp_employees (
    employee_no       text primary key,
    name              text        not null,
    id_card_masked    text,
    id_card_sha256    text,
    department        text,
    cost_centre       text,
    contractor_code   text,
    record            jsonb       not null,
    record_hash       text        not null,
    version           bigint      not null default 1,
    deleted           boolean     not null default false,
    updated_at        timestamptz not null default now()
);
create index erp_employees_contractor_idx on erp_employees (contractor_code);

-- Change events received on the inbound endpoint, so a resent event applies once.
create table erp_change_events (
    event_id     text primary key,
    received_at  timestamptz not null default now(),
    outcome      text        not null
);
