-- Supporters count as demand (issue 27): stats_rollup.supporters counts the supports GIVEN on the row's day (in
-- the city's zone) for incidents of the row's organisation, topic, district and channel (not by status: a status
-- change would move them). A support leaves a delta like an incident change does: a stats_delta row with
-- supporter = true, created_at = when the support was given and the incident's reported columns; it counts
-- only as a supporter, never as an incident. When an incident moves to another organisation, topic, district
-- or channel, its supports move with it (-1 under the old columns, +1 under the new). A support's delta reads its
-- incident "for share": it waits for a concurrent move to commit and then sees the new columns, and a move that
-- comes second sees the committed support, so none is counted under the wrong group.
alter table stats_rollup add column supporters bigint not null default 0;
alter table stats_delta add column supporter boolean not null default false;

-- The rebuild reads the supports of a range of days.
create index incident_supporter_created on incident_supporter (created_at);

create function stats_delta_supporters() returns trigger language plpgsql as $$
begin
    if tg_op in ('DELETE', 'UPDATE') then
        insert into stats_delta (sign, supporter, created_at, status, organization_code, category_code, district_code,
            channel, first_response_due, resolution_due, reopen_count)
        select -1, true, o.created_at, i.status, i.organization_code, i.category_code, i.district_code, i.channel,
            i.first_response_due, i.resolution_due, 0
        from old_rows o join incident i on i.id = o.incident_id
        for share of i;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        insert into stats_delta (sign, supporter, created_at, status, organization_code, category_code, district_code,
            channel, first_response_due, resolution_due, reopen_count)
        select 1, true, n.created_at, i.status, i.organization_code, i.category_code, i.district_code, i.channel,
            i.first_response_due, i.resolution_due, 0
        from new_rows n join incident i on i.id = n.incident_id
        for share of i;
    end if;
    return null;
end $$;

create trigger incident_supporter_stats_insert after insert on incident_supporter
    referencing new table as new_rows for each statement execute function stats_delta_supporters();
create trigger incident_supporter_stats_update after update on incident_supporter
    referencing old table as old_rows new table as new_rows for each statement execute function stats_delta_supporters();
create trigger incident_supporter_stats_delete after delete on incident_supporter
    referencing old table as old_rows for each statement execute function stats_delta_supporters();

create function stats_delta_supporters_move() returns trigger language plpgsql as $$
begin
    with moved as (
        select o.id from old_rows o join new_rows n on n.id = o.id
        where (o.organization_code, o.category_code, o.district_code, o.channel)
              is distinct from (n.organization_code, n.category_code, n.district_code, n.channel)
    )
    insert into stats_delta (sign, supporter, created_at, status, organization_code, category_code, district_code,
        channel, first_response_due, resolution_due, reopen_count)
    select -1, true, s.created_at, o.status, o.organization_code, o.category_code, o.district_code, o.channel,
        o.first_response_due, o.resolution_due, 0
    from old_rows o join incident_supporter s on s.incident_id = o.id
    where o.id in (select id from moved)
    union all
    select 1, true, s.created_at, n.status, n.organization_code, n.category_code, n.district_code, n.channel,
        n.first_response_due, n.resolution_due, 0
    from new_rows n join incident_supporter s on s.incident_id = n.id
    where n.id in (select id from moved);
    return null;
end $$;

create trigger incident_stats_supporters_move after update on incident
    referencing old table as old_rows new table as new_rows for each statement execute function stats_delta_supporters_move();

-- Supports given before this migration: their rollups are built now.
insert into stats_delta (sign, supporter, created_at, status, organization_code, category_code, district_code, channel,
    first_response_due, resolution_due, reopen_count)
select 1, true, s.created_at, i.status, i.organization_code, i.category_code, i.district_code, i.channel,
    i.first_response_due, i.resolution_due, 0
from incident_supporter s join incident i on i.id = s.incident_id;
