-- Dev mode only (quarkus.flyway.locations in %dev): a demo poll, open since three days and for two more
-- months, public results LIVE (from the first vote: %dev.otklik.polls.small-group-threshold=1), secret,
-- revote allowed, the whole city from age 14 (both demo citizens may vote). It has one question of each
-- kind. definition is the poll's canonical JSON (PollDefinition.canonicalJson: members sorted by name, no
-- whitespace) and definition_hash its SHA-256, as an admin creating it through the API would store them.

insert into poll (id, status, title_ru, opens_at, closes_at, closed_at, eligible_districts, min_age, results_policy,
        allow_revote, definition, definition_hash, created_at, updated_at, published_at, version)
values ('7c0ffee0-0000-4000-8000-000000000001', 'PUBLISHED', 'Благоустройство набережной',
        now() - interval '3 days', now() + interval '60 days', null, '{}', 14, 'LIVE', true,
        '{"allowRevote":true,"description":{"en":"Dev-mode demo poll: choose what to build on the embankment in 2027","ru":"Демонстрационный опрос режима разработки: выберите, что сделать на набережной в 2027 году"},"eligibility":{"districts":[],"minAge":14},"questions":[{"id":"q1","options":[{"code":"park","title":{"en":"Park","ru":"Парк"}},{"code":"bikes","title":{"en":"Cycle lanes","ru":"Велодорожки"}},{"code":"beach","title":{"en":"City beach","ru":"Городской пляж"}}],"required":true,"title":{"en":"What matters most?","ru":"Что важнее всего?"},"type":"SINGLE"},{"id":"q2","max":2,"min":1,"options":[{"code":"light","title":{"en":"Lighting","ru":"Освещение"}},{"code":"benches","title":{"en":"Benches","ru":"Скамейки"}},{"code":"wc","title":{"en":"Toilets","ru":"Туалеты"}}],"required":false,"title":{"en":"What else is needed?","ru":"Что ещё нужно?"},"type":"MULTIPLE"},{"id":"q3","required":false,"scale":5,"title":{"en":"Rate the embankment today","ru":"Оцените набережную сейчас"},"type":"RATING"},{"id":"q4","maxLength":1000,"required":false,"title":{"en":"Your suggestions","ru":"Ваши предложения"},"type":"TEXT"}],"resultsPolicy":"LIVE","secret":true,"title":{"en":"Embankment improvement","ru":"Благоустройство набережной"}}',
        'b5312f045d8984c38a51bca598bcc350c69798559a2032e21791bbfaef3ef3bf',
        now() - interval '4 days', now() - interval '3 days', now() - interval '3 days', 1);
