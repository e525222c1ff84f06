-- Open311 GeoReport v2: a new channel, and the integration clients that hold API keys.

alter table incident drop constraint incident_channel_check;
alter table incident add constraint incident_channel_check
    check (channel in ('WIDGET', 'MOBILE', 'GOSUSLUGI', 'SOCIAL', 'OPEN311'));

-- An API key is shown once when it is issued; only its SHA-256 is kept.
create table open311_client (
    id                  uuid          primary key,
    name                varchar(200)  not null,
    key_hash            char(64)      not null unique,
    -- a back office of this organisation may post updates on the incidents assigned to it
    organization_code   varchar(64)   references organization (code),
    created_at          timestamptz   not null,
    created_by          varchar(255)  not null,
    revoked_at          timestamptz
);
