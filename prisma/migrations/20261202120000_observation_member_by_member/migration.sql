-- "Figures of this member" (a filter's `members`) reads the member's figures from one index,
-- without visiting the table, and two members' lists merge-join: one indicator over the 21
-- counties with two members ran in 0.6 ms instead of 3.9 (504 probes of the primary key).
-- The index on member_id alone is a prefix of this one.
DROP INDEX "observation_member_member_id_idx";

CREATE INDEX "observation_member_member_id_observation_id_idx" ON "observation_member"("member_id", "observation_id");
