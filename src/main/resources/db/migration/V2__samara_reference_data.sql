-- Samara's reference data, from src/main/resources/reference/samara.json.

insert into district (code, name_ru, name_en, sort_order) values
    ('zheleznodorozhny', 'Железнодорожный', 'Zheleznodorozhny', 0),
    ('kirovsky', 'Кировский', 'Kirovsky', 1),
    ('krasnoglinsky', 'Красноглинский', 'Krasnoglinsky', 2),
    ('kuibyshevsky', 'Куйбышевский', 'Kuibyshevsky', 3),
    ('leninsky', 'Ленинский', 'Leninsky', 4),
    ('oktyabrsky', 'Октябрьский', 'Oktyabrsky', 5),
    ('promyshlenny', 'Промышленный', 'Promyshlenny', 6),
    ('samarsky', 'Самарский', 'Samarsky', 7),
    ('sovetsky', 'Советский', 'Sovetsky', 8);

insert into category (code, parent_code, name_ru, name_en, keywords_ru, first_response_hours, resolution_days, sort_order) values
    ('housing', null, 'ЖКХ', 'Housing and utilities', '{}', null, null, 0),
    ('housing.heating', 'housing', 'Отопление', 'Heating', '{"отопление","батарея","батареи","холодно в квартире","теплоснабжение"}', 4, 3, 1),
    ('housing.hot_water', 'housing', 'Горячая вода', 'Hot water', '{"горячая вода","нет горячей","гвс"}', 4, 3, 2),
    ('housing.cold_water', 'housing', 'Холодная вода и канализация', 'Water and sewerage', '{"холодная вода","водоснабжение","канализация","прорыв","затопило"}', 4, 3, 3),
    ('housing.waste', 'housing', 'Вывоз мусора', 'Waste collection', '{"мусор","контейнер","вывоз","тко","свалка у дома"}', 9, 3, 4),
    ('housing.building', 'housing', 'Содержание дома', 'Building maintenance', '{"подъезд","крыша","кровля","лифт","управляющая компания","ук"}', 9, 10, 5),
    ('landscaping', null, 'Благоустройство', 'Landscaping', '{}', null, null, 6),
    ('landscaping.yards', 'landscaping', 'Дворы и детские площадки', 'Yards and playgrounds', '{"двор","детская площадка","качели","песочница","лавочка"}', 9, 10, 7),
    ('landscaping.lighting', 'landscaping', 'Освещение', 'Street lighting', '{"фонарь","освещение","не горит","темно"}', 9, 7, 8),
    ('landscaping.greenery', 'landscaping', 'Озеленение и деревья', 'Trees and greenery', '{"дерево","деревья","спил","газон","ветка","аварийное дерево"}', 9, 10, 9),
    ('landscaping.snow', 'landscaping', 'Уборка снега и наледи', 'Snow and ice removal', '{"снег","наледь","сосульки","гололед","не чистят"}', 4, 2, 10),
    ('roads', null, 'Дороги', 'Roads', '{}', null, null, 11),
    ('roads.potholes', 'roads', 'Ямы и покрытие', 'Potholes and surface', '{"яма","ямы","асфальт","выбоина","покрытие"}', 9, 10, 12),
    ('roads.traffic_lights', 'roads', 'Светофоры и знаки', 'Traffic lights and signs', '{"светофор","знак","разметка","пешеходный переход"}', 4, 3, 13),
    ('roads.sidewalks', 'roads', 'Тротуары', 'Sidewalks', '{"тротуар","пешеходная дорожка","бордюр"}', 9, 10, 14),
    ('transport', null, 'Общественный транспорт', 'Public transport', '{}', null, null, 15),
    ('transport.schedule', 'transport', 'Маршруты и расписание', 'Routes and schedule', '{"автобус","трамвай","троллейбус","маршрут","расписание","интервал","не пришел"}', 9, 7, 16),
    ('transport.stops', 'transport', 'Остановки', 'Stops', '{"остановка","павильон"}', 9, 10, 17),
    ('transport.service', 'transport', 'Качество обслуживания', 'Service quality', '{"водитель","кондуктор","грубость","проезд","оплата проезда"}', 9, 7, 18),
    ('covid', null, 'Коронавирус', 'Coronavirus', '{"коронавирус","ковид","covid","вакцинация","прививка","qr-код","тест пцр"}', 4, 3, 19),
    ('other', null, 'Другое', 'Other', '{}', 9, 30, 20);

insert into organization (code, kind, name_ru, district_code, sort_order) values
    ('mcu', 'CENTRE', 'Муниципальный центр управления', null, 0),
    ('adm.zheleznodorozhny', 'DISTRICT_ADMINISTRATION', 'Администрация Железнодорожного района', 'zheleznodorozhny', 1),
    ('adm.kirovsky', 'DISTRICT_ADMINISTRATION', 'Администрация Кировского района', 'kirovsky', 2),
    ('adm.krasnoglinsky', 'DISTRICT_ADMINISTRATION', 'Администрация Красноглинского района', 'krasnoglinsky', 3),
    ('adm.kuibyshevsky', 'DISTRICT_ADMINISTRATION', 'Администрация Куйбышевского района', 'kuibyshevsky', 4),
    ('adm.leninsky', 'DISTRICT_ADMINISTRATION', 'Администрация Ленинского района', 'leninsky', 5),
    ('adm.oktyabrsky', 'DISTRICT_ADMINISTRATION', 'Администрация Октябрьского района', 'oktyabrsky', 6),
    ('adm.promyshlenny', 'DISTRICT_ADMINISTRATION', 'Администрация Промышленного района', 'promyshlenny', 7),
    ('adm.samarsky', 'DISTRICT_ADMINISTRATION', 'Администрация Самарского района', 'samarsky', 8),
    ('adm.sovetsky', 'DISTRICT_ADMINISTRATION', 'Администрация Советского района', 'sovetsky', 9),
    ('dep.city_economy', 'DEPARTMENT', 'Департамент городского хозяйства и экологии', null, 10),
    ('dep.transport', 'DEPARTMENT', 'Департамент транспорта', null, 11),
    ('dep.roads', 'DEPARTMENT', 'Департамент дорожного хозяйства', null, 12),
    ('rso.heat', 'UTILITY', 'Теплоснабжающая организация', null, 13),
    ('rso.water', 'UTILITY', 'Водоканал', null, 14),
    ('rso.waste', 'UTILITY', 'Региональный оператор по обращению с ТКО', null, 15),
    ('ext.health_ministry', 'EXTERNAL', 'Министерство здравоохранения области (вне компетенции города)', null, 16);

insert into routing_rule (category_code, district_code, organization_code, to_district_administration) values
    ('housing.heating', null, 'rso.heat', false),
    ('housing.hot_water', null, 'rso.heat', false),
    ('housing.cold_water', null, 'rso.water', false),
    ('housing.waste', null, 'rso.waste', false),
    ('housing.building', null, null, true),
    ('landscaping', null, null, true),
    ('landscaping.lighting', null, 'dep.city_economy', false),
    ('roads', null, 'dep.roads', false),
    ('roads.sidewalks', null, null, true),
    ('transport', null, 'dep.transport', false),
    ('covid', null, 'ext.health_ministry', false),
    ('other', null, 'mcu', false);
