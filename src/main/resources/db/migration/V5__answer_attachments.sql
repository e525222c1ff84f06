alter table incident add column answer_attachments text[] not null default '{}';
