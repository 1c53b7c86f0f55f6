CREATE TABLE "action_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_team" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_project_proposals" (
	"project_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	CONSTRAINT "action_project_proposals_project_id_proposal_id_pk" PRIMARY KEY("project_id","proposal_id")
);
--> statement-breakpoint
CREATE TABLE "action_project_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"on" date NOT NULL,
	"body" text NOT NULL,
	"progress" integer NOT NULL,
	"status" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"author_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_project_updates_status" CHECK ("action_project_updates"."status" in ('planned','in_progress','done','abandoned')),
	CONSTRAINT "action_project_updates_progress" CHECK ("action_project_updates"."progress" between 0 and 100),
	CONSTRAINT "action_project_updates_reason" CHECK ("action_project_updates"."status" <> 'abandoned' or length(trim("action_project_updates"."reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "action_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_team" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"abandon_reason" text DEFAULT '' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_projects_status" CHECK ("action_projects"."status" in ('planned','in_progress','done','abandoned')),
	CONSTRAINT "action_projects_progress" CHECK ("action_projects"."progress" between 0 and 100),
	CONSTRAINT "action_projects_dates" CHECK ("action_projects"."ends_on" is null or "action_projects"."ends_on" >= "action_projects"."starts_on"),
	CONSTRAINT "action_projects_reason" CHECK ("action_projects"."status" <> 'abandoned' or length(trim("action_projects"."abandon_reason")) > 0)
);
--> statement-breakpoint
CREATE TABLE "strategic_axes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strategic_axes_org_key" UNIQUE("organisation_id","key"),
	CONSTRAINT "strategic_axes_key" CHECK ("strategic_axes"."key" ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
	CONSTRAINT "strategic_axes_position" CHECK ("strategic_axes"."position" >= 1)
);
--> statement-breakpoint
ALTER TABLE "action_programmes" ADD CONSTRAINT "action_programmes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_programmes" ADD CONSTRAINT "action_programmes_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_project_proposals" ADD CONSTRAINT "action_project_proposals_project_id_action_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."action_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_project_proposals" ADD CONSTRAINT "action_project_proposals_proposal_id_action_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."action_proposals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_project_updates" ADD CONSTRAINT "action_project_updates_project_id_action_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."action_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_project_updates" ADD CONSTRAINT "action_project_updates_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_projects" ADD CONSTRAINT "action_projects_programme_id_action_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."action_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_projects" ADD CONSTRAINT "action_projects_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_axes" ADD CONSTRAINT "strategic_axes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_programmes_org_idx" ON "action_programmes" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "action_project_proposals_proposal_idx" ON "action_project_proposals" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "action_project_updates_project_idx" ON "action_project_updates" USING btree ("project_id","on");--> statement-breakpoint
CREATE INDEX "action_projects_programme_idx" ON "action_projects" USING btree ("programme_id");