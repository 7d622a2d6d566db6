-- Route files deployed through the admin API (issue 8): the current set, loaded again at start-up,
-- and every change, append-only, each anchored on the ledger like a permit action
-- (OutboxWriter.ledgerRecord, proofs in record_proofs of V5).
create table route_deployments (
    id          text primary key,
    yaml        text        not null,
    sha256      text        not null,
    updated_by  text        not null,
    updated_at  timestamptz not null
);

create table route_changes (
    id             uuid primary key,
    deployment_id  text        not null,
    operation      text        not null check (operation in ('DEPLOY', 'REPLACE', 'DELETE')),
    actor          text        not null,
    changed_at     timestamptz not null,
    sha256         text,
    yaml           text,
    -- SHA-256 of the RFC 8785 form of {id, deploymentId, operation, actor, changedAt, sha256}: what the ledger holds
    record_hash    text        not null
);
create index route_changes_deployment_idx on route_changes (deployment_id, changed_at);

create function route_changes_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'route_changes is append-only';
end;
$$;
create trigger route_changes_no_update before update or delete on route_changes
    for each row execute function route_changes_append_only();
