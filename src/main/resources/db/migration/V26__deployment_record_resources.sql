-- The start-up deployment of every shipped model and form outgrew varchar(4000) for the comma-separated
-- resource names (about a hundred files); SET DATA TYPE is accepted by both H2 and PostgreSQL.
alter table deployment_record alter column resources set data type varchar(100000);
