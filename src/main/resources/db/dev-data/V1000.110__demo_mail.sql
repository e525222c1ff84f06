-- Dev mode only: the demo citizen hears back by e-mail about their widget messages, and one mail waits in the
-- outbox (the answer to 2611-900006). Dev mode's mock mailer logs it at start ("Sending email Ответ по обращению
-- 2611-900006 … to [citizen@example.org]") instead of sending it; GET /api/v1/admin/deliveries?channel=MAIL then
-- lists it as DELIVERED, with the address masked.

update incident set notify = true, notify_email = 'citizen@example.org', language = 'ru'
where number in ('2611-900001', '2611-900002', '2611-900006', '2611-900007');

insert into outbox_delivery (id, event_id, event_type, incident_id, incident_number, destination, payload, state, attempts,
        next_attempt_at, created_at, recipient, mail_list)
select gen_random_uuid(), gen_random_uuid(), 'incident.answered', i.id, i.number, 'MAIL',
       cast(json_build_object('kind', 'ANSWERED', 'language', 'ru', 'subject', i.author_subject, 'list', 'i:' || i.id,
           'incident', json_build_object('number', i.number, 'status', i.status, 'categoryCode', i.category_code,
               'organizationCode', i.organization_code,
               'firstResponseDue', to_char(i.first_response_due at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'resolutionDue', to_char(i.resolution_due at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'text', i.answer_text, 'resolution', i.resolution, 'afterPhotos', json_build_array())) as text),
       'PENDING', 0, now(), now(), 'citizen@example.org', 'i:' || i.id
from incident i where i.number = '2611-900006';
