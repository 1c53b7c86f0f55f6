CREATE TABLE "cycle_organisations" (
	"cycle_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "cycle_organisations_cycle_id_organisation_id_pk" PRIMARY KEY("cycle_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "cycle_phases" (
	"cycle_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	CONSTRAINT "cycle_phases_cycle_id_phase_pk" PRIMARY KEY("cycle_id","phase"),
	CONSTRAINT "cycle_phases_order" CHECK ("cycle_phases"."ends_on" >= "cycle_phases"."starts_on"),
	CONSTRAINT "cycle_phases_known" CHECK ("cycle_phases"."phase" in ('themes','working_groups','recommendations','board','assembly','implementation'))
);
--> statement-breakpoint
CREATE TABLE "cycle_translations" (
	"cycle_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"rules" text DEFAULT '' NOT NULL,
	"outdated" boolean DEFAULT false NOT NULL,
	CONSTRAINT "cycle_translations_cycle_id_locale_pk" PRIMARY KEY("cycle_id","locale")
);
--> statement-breakpoint
CREATE TABLE "cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"source_language" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cycles_slug_unique" UNIQUE("slug"),
	CONSTRAINT "cycles_slug_format" CHECK ("cycles"."slug" ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
--> statement-breakpoint
CREATE TABLE "theme_translations" (
	"theme_id" uuid NOT NULL,
	"locale" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"outdated" boolean DEFAULT false NOT NULL,
	CONSTRAINT "theme_translations_theme_id_locale_pk" PRIMARY KEY("theme_id","locale")
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"organisation_id" uuid,
	"source_language" text NOT NULL,
	CONSTRAINT "themes_cycle_key" UNIQUE("cycle_id","key"),
	CONSTRAINT "themes_key_format" CHECK ("themes"."key" ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	CONSTRAINT "themes_status_known" CHECK ("themes"."status" in ('proposed','on_ballot','carried_over','selected','not_selected'))
);
--> statement-breakpoint
CREATE TABLE "ballot_electors" (
	"ballot_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"college_key" text NOT NULL,
	"weight" numeric(12, 6) NOT NULL,
	"office_id" uuid,
	"language" text NOT NULL,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "ballot_electors_ballot_id_person_id_pk" PRIMARY KEY("ballot_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ballot_id" uuid NOT NULL,
	"key" text NOT NULL,
	"theme_id" uuid,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_register" (
	"ballot_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "ballot_register_ballot_id_person_id_pk" PRIMARY KEY("ballot_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "ballot_results" (
	"ballot_id" uuid PRIMARY KEY NOT NULL,
	"result" jsonb NOT NULL,
	"ballots_counted" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid,
	"kind" text NOT NULL,
	"method" text DEFAULT 'schulze' NOT NULL,
	"seats" integer DEFAULT 1 NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"electorate" jsonb NOT NULL,
	"allow_recast" boolean DEFAULT true NOT NULL,
	"opens_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"reminder_hours" integer DEFAULT 48 NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballots_status_known" CHECK ("ballots"."status" in ('draft','open','closed','published')),
	CONSTRAINT "ballots_window" CHECK ("ballots"."closes_at" is null or "ballots"."opens_at" is null or "ballots"."closes_at" > "ballots"."opens_at"),
	CONSTRAINT "ballots_seats_positive" CHECK ("ballots"."seats" >= 1)
);
--> statement-breakpoint
CREATE TABLE "cast_ballots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ballot_id" uuid NOT NULL,
	"ranking" jsonb NOT NULL,
	"weight" numeric(12, 6) NOT NULL,
	"college_key" text NOT NULL,
	"tracker" text NOT NULL,
	CONSTRAINT "cast_ballots_tracker_unique" UNIQUE("tracker")
);
--> statement-breakpoint
ALTER TABLE "cycle_organisations" ADD CONSTRAINT "cycle_organisations_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_organisations" ADD CONSTRAINT "cycle_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_phases" ADD CONSTRAINT "cycle_phases_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_translations" ADD CONSTRAINT "cycle_translations_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "theme_translations" ADD CONSTRAINT "theme_translations_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "themes" ADD CONSTRAINT "themes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_electors" ADD CONSTRAINT "ballot_electors_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_electors" ADD CONSTRAINT "ballot_electors_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_electors" ADD CONSTRAINT "ballot_electors_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_electors" ADD CONSTRAINT "ballot_electors_office_id_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."offices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_options" ADD CONSTRAINT "ballot_options_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_options" ADD CONSTRAINT "ballot_options_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_register" ADD CONSTRAINT "ballot_register_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_register" ADD CONSTRAINT "ballot_register_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_results" ADD CONSTRAINT "ballot_results_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cast_ballots" ADD CONSTRAINT "cast_ballots_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cycle_organisations_org_idx" ON "cycle_organisations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "ballot_options_ballot_idx" ON "ballot_options" USING btree ("ballot_id");--> statement-breakpoint
CREATE INDEX "cast_ballots_ballot_idx" ON "cast_ballots" USING btree ("ballot_id");