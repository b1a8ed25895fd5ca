-- 改進計劃追蹤 (§4.1.4): an improvement plan (appraisal_follow_up kind improvementPlan) stays open until the line
-- manager of the next appraisal of the same kind records whether its goals were met. Written by the
-- appraisalFollowUps listener with the authenticated user. Portable between H2 and PostgreSQL.
alter table appraisal_follow_up add column outcome varchar(16);             -- met / partlyMet / notMet
alter table appraisal_follow_up add column closed_in_appraisal_id bigint;   -- the appraisal that reviewed the plan
alter table appraisal_follow_up add column closed_by varchar(255);
alter table appraisal_follow_up add column closed_at timestamp;
