-- PostgreSQL only (location db/vendor/{vendor}): the audit tables are append-only. Changing or removing a row
-- needs a superuser or the table owner to disable the trigger first; run the application as a role that
-- owns neither (see docs/operations.md) so that even the application cannot.
create function audit_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit table % is append-only: % refused', tg_table_name, tg_op;
end
$$;

create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function audit_refuse_change();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_refuse_change();
create trigger audit_seal_append_only before update or delete on audit_seal
  for each row execute function audit_refuse_change();
create trigger audit_seal_no_truncate before truncate on audit_seal
  for each statement execute function audit_refuse_change();
create trigger audit_seal_head_append_only before update or delete on audit_seal_head
  for each row execute function audit_refuse_change();
create trigger audit_seal_head_no_truncate before truncate on audit_seal_head
  for each statement execute function audit_refuse_change();
