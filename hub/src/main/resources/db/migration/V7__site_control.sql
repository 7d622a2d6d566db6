-- Site control (issue 6): devices on site, access cards, door commands and door events.

-- Every device the hub talks to, bound to one zone of one site. Door controllers authenticate
-- with a per-device key; only its SHA-256 is kept.
create table site_devices (
    device_id      text primary key,
    site_id        text        not null,
    zone_id        text        not null,
    kind           text        not null check (kind in ('DOOR', 'GAS_DETECTOR', 'CAMERA', 'ALARM')),
    -- doors of a confined space: how many people the space may hold at once (GB 30871-2022 §6.8c)
    max_occupants  integer     check (max_occupants > 0),
    key_hash       text,
    registered_at  timestamptz not null default now()
);
create index site_devices_zone_idx on site_devices (site_id, zone_id);

-- Access card -> person (the worker named on permits).
create table access_cards (
    card_id      text primary key,
    person_id    text        not null,
    valid_until  date,
    revoked      boolean     not null default false,
    updated_at   timestamptz not null default now()
);

-- Grants and revocations for door controllers, stored before they are published, so a
-- controller that was offline gets them again when it says hello.
create table door_commands (
    id          bigserial primary key,
    site_id     text        not null,
    door_id     text        not null,
    permit_no   text        not null,
    command     text        not null check (command in ('GRANT', 'REVOKE')),
    payload     jsonb       not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index door_commands_door_idx on door_commands (door_id, permit_no, id desc);
create index door_commands_unsent_idx on door_commands (id) where sent_at is null;

-- Every event a door controller reports (append-only record of who went in and out).
create table door_events (
    id           bigserial primary key,
    site_id      text        not null,
    door_id      text        not null,
    event_type   text        not null,
    person_id    text,
    card_id      text,
    permit_no    text,
    outcome      text        not null,
    occurred_at  timestamptz,
    received_at  timestamptz not null default now(),
    payload      jsonb       not null
);
create index door_events_door_idx on door_events (door_id, received_at);
