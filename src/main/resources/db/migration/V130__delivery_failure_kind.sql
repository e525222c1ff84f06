-- Issue 28: a delivery failure has a stable kind and a plain message; the message never names a Java class.
alter table outbox_delivery add column last_error_kind varchar(32);

-- Rows written before: plain words in place of exception texts and receivers' answer bodies.
update outbox_delivery set last_error_kind = 'HTTP_STATUS',
       last_error = 'HTTP ' || substring(last_error from '^HTTP ([0-9]{3})') || ' from the receiver'
 where destination <> 'MAIL' and last_error ~ '^HTTP [0-9]{3}';
update outbox_delivery set last_error_kind = 'DESTINATION_REFUSED'
 where destination <> 'MAIL' and last_error like 'refused: %';
update outbox_delivery set last_error_kind = 'NO_ACCESS_TOKEN', last_error = 'no access token for the gateway'
 where destination <> 'MAIL' and last_error like 'no access token for the gateway%';
update outbox_delivery set
       last_error_kind = case when last_error ~* 'connection refused' then 'CONNECTION_REFUSED'
                              when last_error ~* 'timeout|timed out|no answer within' then 'TIMEOUT'
                              when last_error ~* 'ssl|tls|handshake' then 'TLS'
                              when last_error ~* 'closed|reset' then 'CONNECTION_CLOSED'
                              else 'OTHER' end,
       last_error = case when last_error ~* 'connection refused' then 'connection refused'
                         when last_error ~* 'timeout|timed out|no answer within' then 'timed out'
                         when last_error ~* 'ssl|tls|handshake' then 'TLS handshake failed'
                         when last_error ~* 'closed|reset' then 'connection closed before an answer'
                         else 'delivery failed' end
 where last_error ~ '[A-Za-z]+(Exception|Error)\M';
