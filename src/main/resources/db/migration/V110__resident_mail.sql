-- Hearing back by e-mail: the resident's choice on an incident, mail rows in the outbox, notice
-- subscriptions with their daily digests, one-click unsubscriptions, refused addresses and the daily limit.

-- What the resident chose when writing (set by intake): mails at each step, to which address, in which language.
-- The address is notify_email, else contact_email.
alter table incident
    add column notify        boolean     not null default false,
    add column notify_email  varchar(254),
    add column language      varchar(2)  not null default 'ru' check (language in ('ru', 'en'));

-- Mails travel through the same outbox as answers: one row per event and address.
alter table outbox_delivery drop constraint outbox_delivery_destination_check;
alter table outbox_delivery add constraint outbox_delivery_destination_check
    check (destination in ('GOSUSLUGI', 'SOCIAL', 'WEBHOOK', 'MAIL'));
alter table outbox_delivery
    -- a mail's address (shown to admins masked only)
    add column recipient  varchar(254),
    -- what the mail's one-click unsubscribe stops: i:<incident id>, n:<subscriber id> (notices at once),
    -- d:<subscriber id> (daily digest)
    add column mail_list  varchar(60),
    add constraint outbox_delivery_mail_has_recipient check ((destination = 'MAIL') = (recipient is not null));
-- a digest covers several notices: a mail row may name neither an incident nor a notice
alter table outbox_delivery drop constraint outbox_delivery_one_subject;
alter table outbox_delivery add constraint outbox_delivery_one_subject
    check ((incident_id is null) <> (notice_id is null) or (destination = 'MAIL' and incident_id is null and notice_id is null));
-- at most one mail per event and address
create unique index outbox_mail_once on outbox_delivery (event_id, recipient) where destination = 'MAIL';
create index outbox_mail_due on outbox_delivery (next_attempt_at, seq) where state = 'PENDING' and destination = 'MAIL';
create index outbox_mail_pending_list on outbox_delivery (mail_list) where state = 'PENDING' and destination = 'MAIL';
create index outbox_mail_pending_recipient on outbox_delivery (recipient) where state = 'PENDING' and destination = 'MAIL';

-- A resident following the city's notices: one row per resident (token subject).
create table notice_subscriber (
    id              uuid          primary key,
    subject         varchar(255)  not null unique,
    email           varchar(254)  not null,
    -- TOKEN: the token's verified email claim; BODY: given in the request
    email_source    varchar(8)    not null check (email_source in ('TOKEN', 'BODY')),
    language        varchar(2)    not null check (language in ('ru', 'en')),
    -- the hour (city time) of the daily digest, and when the next one is due
    digest_hour     smallint      check (digest_hour between 0 and 23),
    next_digest_at  timestamptz,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null,
    constraint notice_subscriber_digest_complete check ((digest_hour is null) = (next_digest_at is null))
);
create index notice_subscriber_digest_due on notice_subscriber (next_digest_at) where next_digest_at is not null;

-- What a resident follows: a district and a topic (null: every topic; a topic includes its sub-topics).
create table notice_subscription (
    id             uuid         primary key,
    subscriber_id  uuid         not null references notice_subscriber (id) on delete cascade,
    district_code  varchar(64)  not null references district (code),
    category_code  varchar(64)  references category (code),
    delivery       varchar(16)  not null check (delivery in ('IMMEDIATE', 'DAILY_DIGEST'))
);
create unique index notice_subscription_unique on notice_subscription (subscriber_id, district_code, coalesce(category_code, ''));
-- matching a notice: by district and delivery, then topic
create index notice_subscription_matching on notice_subscription (district_code, delivery, category_code);
-- counts for staff: by district (the matching index) and by topic
create index notice_subscription_by_topic on notice_subscription (category_code, delivery);
create index notice_subscription_of_subscriber on notice_subscription (subscriber_id);

-- A notice as it was when it was published, edited or ended: what its mails show (written once per event).
create table mail_notice_event (
    event_id     uuid          primary key,
    notice_id    bigint        not null references notice (id),
    event_type   varchar(40)   not null,
    -- the notice's public view (JSON): nothing personal
    content      text          not null,
    occurred_at  timestamptz   not null
);

-- Notice events waiting for a resident's next digest; a later event of the same notice replaces an earlier one.
create table notice_digest_entry (
    subscriber_id  uuid         not null references notice_subscriber (id) on delete cascade,
    notice_id      bigint       not null references notice (id),
    event_id       uuid         not null references mail_notice_event (event_id),
    occurred_at    timestamptz  not null,
    primary key (subscriber_id, notice_id)
);

-- One-click unsubscriptions from the mails about one incident (notice lists are unsubscribed by deleting
-- their subscriptions).
create table mail_opt_out (
    mail_list  varchar(60)  primary key,
    at         timestamptz  not null
);

-- An address the mail server refused with a permanent 5xx: not used again for that resident.
create table mail_refusal (
    subject     varchar(255)  not null,
    address     varchar(254)  not null,
    reply_code  integer       not null,
    at          timestamptz   not null,
    primary key (subject, address)
);

-- Mails sent per address and city day (the daily limit); a digest counts as one.
create table mail_daily_count (
    address  varchar(254)  not null,
    day      date          not null,
    sent     integer       not null,
    primary key (address, day)
);
