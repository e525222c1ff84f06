-- Answer delivery: webhook subscribers and the transactional outbox the relay works through.

create table webhook_subscription (
    id                     uuid          primary key,
    url                    varchar(2000) not null,
    events                 text[]        not null,
    secret                 varchar(100)  not null,
    previous_secret        varchar(100),
    previous_secret_until  timestamptz,
    active                 boolean       not null default true,
    disabled_reason        varchar(300),
    created_at             timestamptz   not null,
    created_by             varchar(255)  not null
);

-- One row per (event, destination), written in the transaction of the change it reports.
create table outbox_delivery (
    id               uuid          primary key,
    seq              bigint        generated always as identity unique,
    event_id         uuid          not null,
    event_type       varchar(40)   not null,
    incident_id      bigint        not null references incident (id),
    incident_number  varchar(20)   not null,
    destination      varchar(16)   not null check (destination in ('GOSUSLUGI', 'SOCIAL', 'WEBHOOK')),
    subscription_id  uuid          references webhook_subscription (id),
    payload          text          not null,
    state            varchar(16)   not null check (state in ('PENDING', 'DELIVERED', 'DEAD', 'CANCELLED')),
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    leased_until     timestamptz,
    last_status      integer,
    last_error       varchar(500),
    created_at       timestamptz   not null,
    delivered_at     timestamptz
);
create index outbox_due on outbox_delivery (next_attempt_at, seq) where state = 'PENDING';
create index outbox_incident_order on outbox_delivery (incident_id, destination, seq) where state = 'PENDING';
create index outbox_by_incident on outbox_delivery (incident_id, seq);
create index outbox_admin_list on outbox_delivery (state, destination, seq desc);
