-- Calls to external systems that failed after all retries (routeConfiguration connector-errors):
-- kept for replay, never dropped. The same record goes to Kafka connector.dlq through the outbox.
create table connector_dead_letters (
    id            uuid primary key,
    connector     text        not null,
    route_id      text        not null,
    replay_uri    text        not null,
    body          text,
    headers       jsonb       not null,
    reason        text        not null,
    failed_at     timestamptz not null,
    replay_of     uuid references connector_dead_letters (id),
    replayed_at   timestamptz,
    replayed_by   text
);
create index connector_dead_letters_parked_idx on connector_dead_letters (failed_at) where replayed_at is null;
