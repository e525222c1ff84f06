-- City notices: what the centre tells residents (planned outages, road works, emergencies, events),
-- their earlier versions, and the incidents matched to them.

create table notice (
    id                 bigint generated always as identity primary key,
    kind               varchar(16)   not null check (kind in ('PLANNED_OUTAGE', 'ROAD_WORKS', 'EMERGENCY', 'EVENT', 'INFO')),
    status             varchar(16)   not null check (status in ('DRAFT', 'PUBLISHED', 'ENDED', 'CANCELLED')),
    title_ru           varchar(300)  not null,
    title_en           varchar(300),
    text_ru            varchar(5000) not null,
    text_en            varchar(5000),
    -- the topic: a category code; a parent topic covers its sub-topics
    category_code      varchar(64)   not null references category (code),
    -- empty: the whole city
    district_codes     text[]        not null default '{}',
    addresses          text[]        not null default '{}',
    point_lat          double precision check (point_lat between -90 and 90),
    point_lon          double precision check (point_lon between -180 and 180),
    radius_m           integer       check (radius_m between 1 and 50000),
    starts_at          timestamptz   not null,
    ends_at            timestamptz   not null,
    organization_code  varchar(64)   not null references organization (code),
    -- the published content's version: 1, and one more for every edit after publication
    version            integer       not null default 1,
    -- every change (for ETag / If-Match)
    revision           integer       not null default 0,
    created_at         timestamptz   not null,
    created_by         varchar(255)  not null,
    updated_at         timestamptz   not null,
    published_at       timestamptz,
    content_updated_at timestamptz,
    ended_at           timestamptz,
    cancelled_at       timestamptz,
    constraint notice_ends_after_start check (ends_at > starts_at),
    constraint notice_point_complete check ((point_lat is null) = (point_lon is null) and (point_lat is null) = (radius_m is null))
);

-- admin list: newest first, optionally per organisation and status
create index notice_admin_recent on notice (created_at desc, id desc);
create index notice_admin_org_recent on notice (organization_code, created_at desc, id desc);
-- public list and feed: notices published once (never drafts, nor drafts cancelled unpublished), by start, keyset
create index notice_public_recent on notice (starts_at desc, id desc) where published_at is not null;
-- the Atom feed: latest changed first
create index notice_public_changed on notice (updated_at desc, id desc) where published_at is not null;
create index notice_public_districts on notice using gin (district_codes) where published_at is not null;
-- matching an incoming message: published notices of a topic still running
create index notice_matching on notice (category_code, ends_at) where status = 'PUBLISHED';

-- The content of a notice as it was before an edit after publication.
create table notice_version (
    notice_id    bigint       not null references notice (id),
    version      integer      not null,
    -- the NoticeRequest JSON of that version
    content      text         not null,
    valid_from   timestamptz  not null,
    replaced_at  timestamptz  not null,
    replaced_by  varchar(255) not null,
    primary key (notice_id, version)
);

-- Which incidents a notice covers; written when the message arrives.
create table notice_incident (
    notice_id    bigint       not null references notice (id),
    incident_id  bigint       not null references incident (id),
    linked_at    timestamptz  not null,
    primary key (notice_id, incident_id)
);
create index notice_incident_by_incident on notice_incident (incident_id);

-- Notice events travel through the same outbox as incident events: a row names an incident or a notice.
alter table outbox_delivery
    alter column incident_id drop not null,
    alter column incident_number drop not null,
    add column notice_id bigint references notice (id),
    add constraint outbox_delivery_one_subject check ((incident_id is null) <> (notice_id is null));
create index outbox_by_notice on outbox_delivery (notice_id, seq) where notice_id is not null;
