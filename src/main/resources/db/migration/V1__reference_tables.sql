-- Reference data: districts, the topic tree, responsible organisations and routing rules.

create table district (
    code        varchar(64)  primary key,
    name_ru     varchar(200) not null,
    name_en     varchar(200) not null,
    sort_order  integer      not null
);

create table category (
    code                  varchar(64)  primary key,
    parent_code           varchar(64)  references category (code),
    name_ru               varchar(200) not null,
    name_en               varchar(200) not null,
    keywords_ru           text[]       not null default '{}',
    first_response_hours  integer      check (first_response_hours > 0),
    resolution_days       integer      check (resolution_days > 0),
    sort_order            integer      not null,
    constraint category_not_own_parent check (parent_code is null or parent_code <> code)
);
create index category_parent_idx on category (parent_code);

create table organization (
    code           varchar(64)  primary key,
    kind           varchar(32)  not null
        check (kind in ('CENTRE', 'DISTRICT_ADMINISTRATION', 'DEPARTMENT', 'UTILITY', 'EXTERNAL')),
    name_ru        varchar(300) not null,
    district_code  varchar(64)  references district (code),
    sort_order     integer      not null,
    constraint organization_district_admin_has_district
        check ((kind = 'DISTRICT_ADMINISTRATION') = (district_code is not null))
);
create unique index organization_one_admin_per_district on organization (district_code)
    where kind = 'DISTRICT_ADMINISTRATION';

-- A rule routes a category (and its children without rules of their own) either to a fixed
-- organisation or to the administration of the incident's district. A null district_code
-- means "any district".
create table routing_rule (
    id                       bigint generated always as identity primary key,
    category_code            varchar(64) not null references category (code),
    district_code            varchar(64) references district (code),
    organization_code        varchar(64) references organization (code),
    to_district_administration boolean   not null default false,
    constraint routing_rule_one_target
        check ((organization_code is not null) <> to_district_administration)
);
create unique index routing_rule_unique_scope
    on routing_rule (category_code, coalesce(district_code, '*'));
