-- Route files deployed through the admin API (issue 8): the current set, loaded again at start-up,
-- and every change, append-only, each anchored on the ledger like a permit action.
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

-- Inclusion proofs of anchored records that are not permit actions (route changes, ...): they share
-- the Merkle batches and the sequence of action_proofs.
create table ledger_record_proofs (
    record_type  text   not null,
    record_id    text   not null,
    sequence     bigint not null unique,
    batch_id     text   not null references ledger_batches (batch_id),
    leaf_index   int    not null,
    record_hash  text   not null,
    path         jsonb  not null,
    primary key (record_type, record_id)
);
