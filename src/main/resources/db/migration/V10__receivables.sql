-- Receivables (§3.2.6): payments may also arrive from the finance system over REST
-- (POST /zhidu/api/payments), not only in a finance task. Such a payment carries the day the money arrived
-- and the finance system's reference (so a resent message writes nothing twice); it has a task only when
-- it completed an open 確認收款 / 登記逾期收款. Receivables aging counts a payment from its paid_on.
-- Portable between H2 and PostgreSQL.
alter table sales_payment add column paid_on date;
alter table sales_payment add column reference varchar(100);
alter table sales_payment alter column task_id drop not null;
alter table sales_payment add constraint sales_payment_reference unique (reference);
-- Payments recorded in a task before this migration arrived on the day they were recorded.
update sales_payment set paid_on = cast(recorded_at as date) where paid_on is null;
alter table sales_payment alter column paid_on set not null;
