-- A client that repeats a request whose answer was lost (a timeout, a dropped connection) names it with an
-- Idempotency-Key header; the second request gets the first one's case instead of a second case (issue 11).
create table api_idempotency (
  user_id              varchar(255)  not null,
  endpoint             varchar(100)  not null,
  idempotency_key      varchar(100)  not null,
  request_hash         varchar(64)   not null,
  process_instance_id  varchar(64)   not null,
  created_at           timestamp     not null,
  constraint api_idempotency_pk primary key (user_id, endpoint, idempotency_key)
);
