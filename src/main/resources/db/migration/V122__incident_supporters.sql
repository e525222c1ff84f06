-- "Me too": residents who support an open incident instead of filing a duplicate. One row per resident and
-- incident (the primary key makes a repeated or concurrent support a no-op); the incident keeps the count for
-- the public views and the staff queue.
create table incident_supporter (
    incident_id  bigint        not null references incident (id),
    subject      varchar(255)  not null,
    channel      varchar(16)   not null,
    created_at   timestamptz   not null,
    primary key (incident_id, subject)
);

alter table incident add column supporters integer not null default 0 check (supporters >= 0);
create index incident_queue_supporters on incident (supporters desc, id desc);
