-- Extra answers a topic asks for (Open311 service definitions: attribute[code]=value).

create table category_attribute (
    category_code         varchar(64)   not null references category (code),
    code                  varchar(64)   not null,
    datatype              varchar(16)   not null check (datatype in
                              ('string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist')),
    required              boolean       not null,
    description_ru        varchar(300)  not null,
    datatype_description  varchar(300),
    sort_order            integer       not null,
    -- list types: [{"key": "...", "name": "..."}], in order
    allowed_values        jsonb         not null default '[]',
    primary key (category_code, code),
    constraint category_attribute_lists_have_values check
        ((datatype in ('singlevaluelist', 'multivaluelist')) = (jsonb_array_length(allowed_values) > 0))
);

insert into category_attribute (category_code, code, datatype, required, description_ru, datatype_description, sort_order, allowed_values)
values
    ('housing.heating', 'scope', 'singlevaluelist', true, 'Где нет отопления', null, 1,
     '[{"key":"flat","name":"В одной квартире"},{"key":"building","name":"Во всём доме"},{"key":"block","name":"В нескольких домах"}]'),
    ('housing.heating', 'since', 'datetime', false, 'С какого времени', 'Дата и время, например 2026-11-28T08:00:00+04:00', 2, '[]'),
    ('housing.hot_water', 'scope', 'singlevaluelist', true, 'Где нет горячей воды', null, 1,
     '[{"key":"flat","name":"В одной квартире"},{"key":"building","name":"Во всём доме"},{"key":"block","name":"В нескольких домах"}]'),
    ('housing.hot_water', 'since', 'datetime', false, 'С какого времени', 'Дата и время, например 2026-11-28T08:00:00+04:00', 2, '[]'),
    ('housing.cold_water', 'scope', 'singlevaluelist', true, 'Где нет холодной воды', null, 1,
     '[{"key":"flat","name":"В одной квартире"},{"key":"building","name":"Во всём доме"},{"key":"block","name":"В нескольких домах"}]'),
    ('housing.cold_water', 'since', 'datetime', false, 'С какого времени', 'Дата и время, например 2026-11-28T08:00:00+04:00', 2, '[]'),
    ('roads.potholes', 'size', 'singlevaluelist', false, 'Размер ямы', null, 1,
     '[{"key":"small","name":"Меньше 30 см"},{"key":"medium","name":"30–100 см"},{"key":"large","name":"Больше метра"}]'),
    ('roads.potholes', 'hazards', 'multivaluelist', false, 'Чем опасна', null, 2,
     '[{"key":"wheels","name":"Повреждает колёса"},{"key":"water","name":"Заполнена водой"},{"key":"pedestrians","name":"На пешеходном переходе"}]'),
    ('landscaping.lighting', 'lamps_out', 'number', false, 'Сколько фонарей не горит', 'Целое число', 1, '[]');
