ALTER TABLE "cast_ballots" DROP CONSTRAINT "cast_ballots_tracker_unique";--> statement-breakpoint
DROP INDEX "cast_ballots_ballot_tracker_idx";--> statement-breakpoint
ALTER TABLE "cast_ballots" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "cast_ballots" ADD CONSTRAINT "cast_ballots_pkey" PRIMARY KEY("ballot_id","tracker");
