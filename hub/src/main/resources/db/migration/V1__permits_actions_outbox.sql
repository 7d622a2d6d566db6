-- Permits, their append-only actions, the transactional outbox and idempotency keys.
-- GB 30871-2022 §4.18: a permit must not be altered or overwritten, so actions are append-only.

create table permits (
    permit_no        text primary key,
    enterprise_code  text        not null,
    division_code    text        not null,
    site_id          text        not null,
    work_type        text        not null,
    grade            text,
    state            text        not null,
    version          bigint      not null,
    last_action      text        not null,
    snapshot         jsonb       not null,
    applied_at       timestamptz not null,
    updated_at       timestamptz not null
);
create index permits_division_idx on permits (division_code, permit_no);
create index permits_enterprise_idx on permits (enterprise_code, permit_no);

create table permit_actions (
    id            uuid primary key,
    permit_no     text        not null references permits (permit_no),
    version       bigint      not null,
    type          text        not null,
    actor         text        not null,
    occurred_at   timestamptz not null,
    recorded_at   timestamptz not null default now(),
    source        text        not null,
    data          jsonb       not null,
    hash          text        not null,
    unique (permit_no, version)
);

create function permit_actions_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'permit_actions is append-only (GB 30871-2022 §4.18)';
end;
$$;
create trigger permit_actions_no_update before update or delete on permit_actions
    for each row execute function permit_actions_append_only();

-- One row per action and destination; a relay per destination sends pending rows in id order.
create table outbox (
    id            bigserial primary key,
    destination   text        not null,
    aggregate_id  text        not null,
    event_id      uuid        not null,
    payload       text        not null,
    created_at    timestamptz not null default now(),
    sent_at       timestamptz,
    attempts      int         not null default 0,
    last_error    text
);
create index outbox_pending_idx on outbox (destination, id) where sent_at is null;

-- The answer given to a request with an Idempotency-Key, per caller.
create table idempotency_keys (
    caller        text        not null,
    key           text        not null,
    request_hash  text        not null,
    status        int         not null,
    response      text        not null,
    created_at    timestamptz not null default now(),
    primary key (caller, key)
);

-- The enterprise registry: normally the division comes from the credit code (GB 32100-2015
-- characters 3-8); a row here overrides it (e.g. an enterprise registered elsewhere than it operates).
create table enterprises (
    credit_code    text primary key,
    name           text,
    division_code  text not null,
    updated_at     timestamptz not null default now()
);
