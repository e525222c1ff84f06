-- One row per scheduled job and interval: whichever instance inserts it runs the job for that interval.
create table scheduled_job_run (
    job          varchar(60)   not null,
    slot         timestamptz   not null,
    instance     varchar(120)  not null,
    started_at   timestamptz   not null,
    finished_at  timestamptz,
    primary key (job, slot)
);
