-- The dunning letter's PDF (§3.2.6): each sales_dunning_letter row points at its document (platform.documents,
-- V11), written in the same transaction. Letters recorded before this migration have no PDF.
alter table sales_dunning_letter add column document_id bigint references document (id);
