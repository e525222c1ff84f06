-- A supporter whose token verified an e-mail address follows the incident's answer by mail, as its author does.
alter table incident_supporter add column notify_email varchar(320);
