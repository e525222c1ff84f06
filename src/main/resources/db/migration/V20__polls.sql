-- Polls "Мой выбор. Моё будущее".
--
-- The hot tables (participation, ballots, tally deltas) carry no foreign key to poll: a foreign key
-- check takes a KEY SHARE lock on the poll row in every vote transaction, which under a burst turns
-- that one row into a multixact hot spot. Votes are only written after the poll was read and found
-- open, and a poll with votes is never deleted.

create table poll (
    id                  uuid         primary key,
    status              varchar(16)  not null check (status in ('DRAFT', 'PUBLISHED', 'CLOSED', 'ARCHIVED')),
    title_ru            varchar(300) not null,
    opens_at            timestamptz  not null,
    closes_at           timestamptz  not null,
    closed_at           timestamptz,
    eligible_districts  text[]       not null default '{}',
    min_age             integer      check (min_age between 0 and 120),
    results_policy      varchar(16)  not null check (results_policy in ('LIVE', 'AFTER_CLOSE', 'HIDDEN')),
    secret              boolean      not null,
    allow_revote        boolean      not null,
    -- the whole definition as canonical JSON; the columns above repeat what queries and rules need
    definition          text         not null,
    definition_hash     varchar(64)  not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    published_at        timestamptz,
    version             bigint       not null,
    constraint poll_closes_after_opens check (closes_at > opens_at)
);
create index poll_public_listing on poll (opens_at desc, id desc) where status in ('PUBLISHED', 'CLOSED');
create index poll_admin_listing on poll (created_at desc, id desc);
create index poll_admin_listing_by_status on poll (status, created_at desc, id desc);

-- Who has voted, as HMAC-SHA256(server secret, poll id + subject): the database never stores a subject.
-- No timestamp, and nothing a ballot row shares.
create table poll_participation (
    poll_id            uuid  not null,
    participation_key  bytea not null,
    primary key (poll_id, participation_key)
);

-- One row per counted ballot. In a secret poll participation_key stays null; revote_key (a second HMAC
-- under another label) is set only when the poll allows a revote, so that the new ballot can replace
-- the old one. cast_hour is the hour, never the instant.
create table poll_ballot (
    receipt_hash       bytea       primary key,
    poll_id            uuid        not null,
    revote_key         bytea,
    participation_key  bytea,
    district           varchar(64) not null,
    channel            varchar(16) not null,
    answers            jsonb       not null,
    tally_keys         text[]      not null,
    cast_hour          timestamptz not null
);
create index poll_ballot_poll on poll_ballot (poll_id);
create unique index poll_ballot_revote on poll_ballot (poll_id, revote_key) where revote_key is not null;

-- Receipts of ballots a revote replaced: checking one says it was replaced, not counted.
create table poll_replaced_receipt (
    receipt_hash  bytea       primary key,
    poll_id       uuid        not null,
    cast_hour     timestamptz not null
);

-- Written in the vote transaction (+1, and -1 for a replaced ballot), folded into poll_tally every few
-- seconds and deleted. At any snapshot: tallies of the ballots = poll_tally + poll_tally_delta.
create table poll_tally_delta (
    id          bigint      generated always as identity primary key,
    poll_id     uuid        not null,
    sign        smallint    not null check (sign in (-1, 1)),
    district    varchar(64) not null,
    channel     varchar(16) not null,
    tally_keys  text[]      not null
);

-- tally_key: '' = participants, 'q1' = answered question q1, 'q1=a' = option a, 'q1=4' = rating 4.
-- dimension ALL has group_value ''; DISTRICT and CHANNEL break the same counts down.
create table poll_tally (
    poll_id      uuid         not null,
    dimension    varchar(16)  not null check (dimension in ('ALL', 'DISTRICT', 'CHANNEL')),
    group_value  varchar(64)  not null,
    tally_key    varchar(100) not null,
    votes        bigint       not null,
    primary key (poll_id, dimension, group_value, tally_key)
);
