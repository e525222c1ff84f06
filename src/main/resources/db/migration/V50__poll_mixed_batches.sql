-- Votes are committed in mixed batches (claims, shuffled ballots and summed tally deltas in one
-- transaction); see the README, "Polls".

-- Tally deltas are written per batch, summed per key: one row per (poll, dimension, group, key) and
-- batch, shaped like poll_tally. Pending deltas of the old shape (one row per ballot) are converted.
create table poll_tally_delta_new (
    id           bigint       generated always as identity primary key,
    poll_id      uuid         not null,
    dimension    varchar(16)  not null check (dimension in ('ALL', 'DISTRICT', 'CHANNEL')),
    group_value  varchar(64)  not null,
    tally_key    varchar(100) not null,
    votes        integer      not null
);
insert into poll_tally_delta_new (poll_id, dimension, group_value, tally_key, votes)
select d.poll_id, g.dimension, g.group_value, k.tally_key, sum(d.sign)
from poll_tally_delta d
cross join lateral (values ('ALL', ''), ('DISTRICT', d.district), ('CHANNEL', d.channel)) g (dimension, group_value)
cross join lateral unnest(d.tally_keys) k (tally_key)
group by 1, 2, 3, 4;
drop table poll_tally_delta;
alter table poll_tally_delta_new rename to poll_tally_delta;
alter index poll_tally_delta_new_pkey rename to poll_tally_delta_pkey;

-- How many ballots the transaction that stored this ballot committed (the same for all of a batch;
-- 1 for ballots stored before batching and for revotes). It names no voter and lets the audit report
-- small batches without relying on xmin, which a dump and restore does not keep.
alter table poll_ballot add column batch_size integer not null default 1 check (batch_size >= 1);

-- The public results of a LIVE poll: the tallies as last published, replaced only when at least
-- small-group-threshold more participants were counted since (revotes in between hide among them).
create table poll_public_tally (
    poll_id       uuid        primary key,
    participants  bigint      not null,
    tallies       jsonb       not null,
    published_at  timestamptz not null
);

-- Idempotency-Key of ballots. record_key = HMAC(server secret, subject, poll, key); the answer is sealed
-- with AES-GCM under a key derived from the server secret and the client's Idempotency-Key, which is
-- not stored; request_mac is an HMAC of the request under that derived key. No subject, no receipt, no
-- choices in clear; created_hour is the hour only.
create table poll_ballot_idempotency (
    record_key    bytea       primary key,
    request_mac   bytea       not null,
    sealed        bytea,
    created_hour  timestamptz not null
);
create index poll_ballot_idempotency_age on poll_ballot_idempotency (created_hour);

-- Ballot answers stored by the former mechanism carried the voter's subject and the plain receipt.
delete from idempotency_record where operation like 'cast-ballot:%';
