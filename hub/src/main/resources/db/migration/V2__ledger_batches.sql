-- Merkle batches of action hashes, stored BEFORE they are anchored, so a retry after a crash or a
-- ledger outage anchors exactly the same batch (write-once batch ids make that safe).
create table ledger_batches (
    batch_id           text primary key,
    merkle_root        text        not null,
    size               int         not null,
    first_sequence     bigint      not null unique,
    last_sequence      bigint      not null unique,
    previous_batch_id  text references ledger_batches (batch_id),
    created_at         timestamptz not null default now(),
    anchored_at        timestamptz,
    backend            text,
    transaction_id     text,
    block_number       bigint,
    attempts           int         not null default 0,
    last_error         text
);
create index ledger_batches_pending_idx on ledger_batches (first_sequence) where anchored_at is null;

-- Each action's place in a batch and its RFC 9162 inclusion proof.
create table action_proofs (
    action_id    uuid primary key references permit_actions (id),
    permit_no    text   not null,
    version      bigint not null,
    sequence     bigint not null unique,
    batch_id     text   not null references ledger_batches (batch_id),
    leaf_index   int    not null,
    action_hash  text   not null,
    path         jsonb  not null
);
create index action_proofs_permit_idx on action_proofs (permit_no, version);
