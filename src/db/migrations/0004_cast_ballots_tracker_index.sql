DROP INDEX "cast_ballots_ballot_idx";--> statement-breakpoint
CREATE INDEX "cast_ballots_ballot_tracker_idx" ON "cast_ballots" USING btree ("ballot_id","tracker");