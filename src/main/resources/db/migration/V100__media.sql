-- Photos (org.otklik.media): clean re-encoded copies of uploads, attached to a message or an answer.

create table media (
    id                uuid          primary key,
    uploaded_by       varchar(255)  not null,
    source_format     varchar(8)    not null check (source_format in ('JPEG', 'PNG', 'WEBP')),
    width             integer       not null check (width > 0),
    height            integer       not null check (height > 0),
    bytes             integer       not null,
    thumbnail_bytes   integer       not null,
    sha256            varchar(64)   not null,
    created_at        timestamptz   not null,
    -- set once, when a message or an answer takes the upload; an incident's deletion leaves the row detached
    -- (attached_at set, incident_id null) for the cleanup job, which also removes the stored objects
    incident_id       bigint        references incident (id) on delete set null,
    role              varchar(8)    check (role in ('REPORT', 'ANSWER')),
    position          smallint,
    attached_at       timestamptz,
    publishable       boolean       not null default false,
    -- when the incident reached a final state (closed, rejected, merged): retention counts from here
    finished_at       timestamptz,
    constraint media_attached_whole check ((attached_at is null) = (role is null) and (role is null) = (position is null))
);

-- an incident's photos in order; its public ones (status lookups, Open311)
create index media_of_incident on media (incident_id, role, position) where incident_id is not null;
create index media_public on media (incident_id, position) where publishable;
-- the cleanup: uploads never attached, and photos whose incident went
create index media_unattached on media (created_at) where incident_id is null;

-- The PostgreSQL store (otklik.media.store=POSTGRES): the stored copies and thumbnails by key.
create table media_blob (
    key      varchar(80)  primary key,
    content  bytea        not null
);
alter table media_blob alter column content set storage external;

-- retention: photos of incidents finished long ago
create index media_finished on media (finished_at) where finished_at is not null;
