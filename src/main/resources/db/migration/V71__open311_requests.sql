-- What an Open311 client sent with a request besides the incident itself (staff only, never served back),
-- and the updates that back offices posted.

create table open311_request (
    incident_id         bigint        primary key references incident (id),
    client_id           uuid          not null references open311_client (id),
    token               varchar(40)   not null unique,
    device_id           varchar(200),
    account_id          varchar(200),
    address_id          varchar(200),
    first_name          varchar(200),
    last_name           varchar(200),
    attributes          jsonb         not null default '{}'
);

create table open311_update (
    id                  bigint        generated always as identity primary key,
    client_id           uuid          not null references open311_client (id),
    update_id           varchar(200)  not null,
    incident_id         bigint        not null references incident (id),
    status              varchar(40)   not null,
    description         varchar(4000),
    updated_at          timestamptz   not null,
    received_at         timestamptz   not null,
    -- a back office may send the same update again: it is applied once
    constraint open311_update_once unique (client_id, update_id)
);
