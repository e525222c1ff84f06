-- Dev mode only (quarkus.flyway.locations in %dev): demo incidents for the demo users to work with.
-- The demo citizen is "citizen" (widget), the demo executor belongs to adm.leninsky.

insert into incident (number, channel, external_id, social_platform, source_url, category_code, category_confidence,
        district_code, address, text, author_subject, author_external_id, author_handle, submitted_by,
        contact_phone, organization_code, status, resolution, answer_text, first_response_due, resolution_due,
        first_responded_at, answered_at, created_at, updated_at)
values
    ('2611-900001', 'WIDGET', null, null, null, 'landscaping.yards', null, 'leninsky', 'ул. Садовая, 150',
     'Во дворе сломаны качели и горка на детской площадке, дети могут пораниться.', 'citizen', null, null, 'citizen',
     '+7 900 000-00-01', 'adm.leninsky', 'NEW', null, null, now() + interval '4 hours', now() + interval '10 days',
     null, null, now() - interval '2 hours', now() - interval '2 hours'),
    ('2611-900002', 'WIDGET', null, null, null, 'housing.building', null, 'leninsky', 'ул. Ленинская, 12',
     'Течёт крыша после каждого дождя, потолок на пятом этаже в пятнах.', 'citizen', null, null, 'citizen',
     null, 'adm.leninsky', 'ASSIGNED', null, null, now() + interval '2 hours', now() + interval '9 days',
     now() - interval '1 day', null, now() - interval '1 day 3 hours', now() - interval '1 day'),
    ('2611-900003', 'MOBILE', null, null, null, 'roads.potholes', null, 'oktyabrsky', 'Московское шоссе, 41',
     'Огромная яма на Московском шоссе, две машины пробили колёса.', 'citizen2', null, null, 'citizen2',
     null, 'dep.roads', 'IN_PROGRESS', null, null, now() - interval '3 days', now() + interval '5 days',
     now() - interval '4 days', null, now() - interval '6 days', now() - interval '4 days'),
    ('2611-900004', 'GOSUSLUGI', 'POS-2026-000101', null, null, 'housing.heating', null, 'leninsky', null,
     'Третий день нет отопления в квартире, батареи холодные.', null, '1000123456', null, 'gosuslugi-pos',
     null, 'rso.heat', 'ASSIGNED', null, null, now() - interval '1 day', now() - interval '2 hours',
     null, null, now() - interval '5 days', now() - interval '5 days'),
    ('2611-900005', 'SOCIAL', 'wall-1_1001', 'VK', 'https://vk.com/wall-1_1001', 'housing.waste', 0.875, 'sovetsky', null,
     'Советский район: третий день не вывозят мусор, контейнеры переполнены.', null, null, 'id1001', 'social-monitoring',
     null, 'rso.waste', 'NEW', null, null, now() + interval '6 hours', now() + interval '3 days',
     null, null, now() - interval '3 hours', now() - interval '3 hours'),
    ('2611-900006', 'WIDGET', null, null, null, 'landscaping.lighting', null, 'leninsky', 'пр. Ленина, 3',
     'Не горят фонари вдоль проспекта, вечером темно.', 'citizen', null, null, 'citizen',
     null, 'dep.city_economy', 'ANSWERED', 'FIXED', 'Фонари отремонтированы, освещение восстановлено.',
     now() - interval '8 days', now() - interval '3 days', now() - interval '9 days', now() - interval '2 days',
     now() - interval '10 days', now() - interval '2 days'),
    ('2611-900007', 'WIDGET', null, null, null, 'covid', null, null, null,
     'Где в нашем районе можно сделать прививку без записи?', 'citizen', null, null, 'citizen',
     null, 'ext.health_ministry', 'NEW', null, null, now() + interval '3 hours', now() + interval '3 days',
     null, null, now() - interval '1 hour', now() - interval '1 hour');

update incident set redirect_to_confirm = true where number = '2611-900007';

insert into incident_event (incident_id, occurred_at, type, public, actor_subject, actor_role, actor_organization, status,
        organization_code, comment)
select id, created_at, 'SUBMITTED', true, submitted_by, case when channel in ('GOSUSLUGI', 'SOCIAL') then 'integration' else 'citizen' end,
       null, 'NEW', organization_code, null
from incident where number like '2611-9000%';

insert into incident_event (incident_id, occurred_at, type, public, actor_subject, actor_role, actor_organization, status,
        organization_code, comment)
select id, answered_at, 'ANSWERED', true, 'operator', 'operator', null, 'ANSWERED', organization_code, answer_text
from incident where number = '2611-900006';

select setval('incident_number_seq', 1000);
