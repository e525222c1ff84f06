-- Incidents: one citizen message each, the case it opens, and its timeline.

create sequence incident_number_seq;

create table incident (
    id                          bigint generated always as identity primary key,
    number                      varchar(20)   not null unique,
    channel                     varchar(16)   not null check (channel in ('WIDGET', 'MOBILE', 'GOSUSLUGI', 'SOCIAL')),
    external_id                 varchar(200),
    social_platform             varchar(16)   check (social_platform in ('VK', 'OK', 'TELEGRAM')),
    source_url                  varchar(2000),
    source_page_id              varchar(200),
    source_posted_at            timestamptz,
    category_code               varchar(64)   not null references category (code),
    category_confidence         numeric(4, 3) check (category_confidence between 0 and 1),
    district_code               varchar(64)   references district (code),
    address                     varchar(300),
    location_lat                double precision check (location_lat between -90 and 90),
    location_lon                double precision check (location_lon between -180 and 180),
    text                        varchar(5000) not null,
    attachments                 text[]        not null default '{}',
    -- who wrote it: an Otklik subject (widget, mobile), the citizen's Gosuslugi id, or a social handle
    author_subject              varchar(255),
    author_external_id          varchar(255),
    author_handle               varchar(255),
    submitted_by                varchar(255)  not null,
    contact_phone               varchar(32),
    contact_email               varchar(254),
    organization_code           varchar(64)   not null references organization (code),
    redirect_to_confirm         boolean       not null default false,
    status                      varchar(16)   not null check (status in
                                    ('NEW', 'REJECTED', 'ASSIGNED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED', 'REOPENED', 'DUPLICATE')),
    rejection_reason            varchar(32),
    resolution                  varchar(24)   check (resolution in
                                    ('FIXED', 'EXPLAINED', 'PLANNED', 'NOT_FIXED', 'NOT_RESPONSIBLE', 'DUPLICATE')),
    answer_text                 varchar(5000),
    first_response_due          timestamptz   not null,
    resolution_due              timestamptz   not null,
    first_responded_at          timestamptz,
    answered_at                 timestamptz,
    closed_at                   timestamptz,
    duplicate_of                bigint        references incident (id),
    created_at                  timestamptz   not null,
    updated_at                  timestamptz   not null,
    version                     integer       not null default 0,
    constraint incident_social_has_platform check ((channel = 'SOCIAL') = (social_platform is not null))
);

-- one incident per message of an external platform
create unique index incident_external_message
    on incident (channel, coalesce(social_platform, ''), external_id) where external_id is not null;
-- a citizen's own incidents, newest first (keyset)
create index incident_author_recent on incident (author_subject, created_at desc, id desc) where author_subject is not null;
create index incident_duplicate_of on incident (duplicate_of) where duplicate_of is not null;

create table incident_event (
    id                  bigint generated always as identity primary key,
    incident_id         bigint       not null references incident (id),
    occurred_at         timestamptz  not null,
    type                varchar(32)  not null,
    public              boolean      not null,
    actor_subject       varchar(255),
    actor_role          varchar(32),
    actor_organization  varchar(64),
    status              varchar(16),
    organization_code   varchar(64),
    comment             varchar(5000)
);
create index incident_event_timeline on incident_event (incident_id, occurred_at, id);

-- Idempotency-Key replays: the first response to (caller, key) is kept and sent again.
create table idempotency_record (
    caller          varchar(255)  not null,
    idempotency_key varchar(255)  not null,
    operation       varchar(64)   not null,
    request_hash    char(64)      not null,
    response_status integer       not null,
    response_body   text          not null,
    location        varchar(500),
    created_at      timestamptz   not null,
    primary key (caller, idempotency_key)
);
create index idempotency_record_age on idempotency_record (created_at);
