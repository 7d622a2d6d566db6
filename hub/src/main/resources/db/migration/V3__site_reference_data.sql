-- What the GB 30871 rules need to know about sites and people (see core/README.md §4):
-- site calendars and zones, wind, rule profiles, approvers' roles, workers' certificates and
-- guardians' training. Kept as the core's own records in JSON.

create table sites (
    site_id       text primary key,
    name          text,
    calendar      jsonb       not null,
    profile_text  text,
    updated_at    timestamptz not null default now()
);

create table site_zones (
    site_id   text not null references sites (site_id) on delete cascade,
    zone_id   text not null,
    geometry  jsonb not null,
    primary key (site_id, zone_id)
);

create table site_wind (
    site_id      text primary key references sites (site_id) on delete cascade,
    speed_mps    double precision not null,
    measured_at  timestamptz      not null
);

create table site_approvers (
    site_id    text  not null references sites (site_id) on delete cascade,
    person_id  text  not null,
    roles      jsonb not null,
    primary key (site_id, person_id)
);

create table person_certificates (
    person_id    text  not null,
    number       text  not null,
    certificate  jsonb not null,
    updated_at   timestamptz not null default now(),
    primary key (person_id, number)
);

create table guardian_trainings (
    person_id   text primary key,
    training    jsonb not null,
    updated_at  timestamptz not null default now()
);

-- when the permit stops being valid, for the expiry scheduler (GB 30871-2022 §4.16)
alter table permits add column valid_until timestamptz;
create index permits_open_valid_until_idx on permits (valid_until)
    where state not in ('COMPLETED', 'ARCHIVED', 'CANCELLED', 'EXPIRED');
