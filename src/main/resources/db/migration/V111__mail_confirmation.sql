-- Double opt-in: an address the resident typed (one their token does not vouch for) gets mails only once they
-- followed the signed link of a confirmation mail. One row per resident and address; a confirmation holds for
-- every message and subscription of that resident to that address. Unconfirmed rows are forgotten after the
-- link's validity, with the mails they held.
create table mail_confirmation (
    id            uuid          primary key,
    subject       varchar(255)  not null,
    address       varchar(254)  not null,
    requested_at  timestamptz   not null,
    confirmed_at  timestamptz,
    constraint mail_confirmation_once unique (subject, address)
);
create index mail_confirmation_unconfirmed on mail_confirmation (requested_at) where confirmed_at is null;

-- Mails about a message written while its address waits for confirmation: moved to the outbox, in order, when the
-- address is confirmed (never in the outbox before, so no pending answer ages there).
create table mail_held (
    seq              bigserial     primary key,
    confirmation_id  uuid          not null references mail_confirmation (id) on delete cascade,
    event_id         uuid          not null,
    event_type       varchar(40)   not null,
    incident_id      bigint,
    incident_number  varchar(20),
    payload          text          not null,
    mail_list        varchar(60)   not null,
    occurred_at      timestamptz   not null,
    constraint mail_held_once unique (confirmation_id, event_id)
);

-- Addresses given in a subscription before double opt-in existed count as confirmed.
insert into mail_confirmation (id, subject, address, requested_at, confirmed_at)
select gen_random_uuid(), subject, email, created_at, created_at from notice_subscriber where email_source = 'BODY'
on conflict do nothing;
