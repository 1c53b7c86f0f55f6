CREATE TABLE "action_proposal_recommendations" (
	"proposal_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	CONSTRAINT "action_proposal_recommendations_proposal_id_recommendation_id_pk" PRIMARY KEY("proposal_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "action_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_proposals_cycle_number" UNIQUE("cycle_id","number"),
	CONSTRAINT "action_proposals_number_positive" CHECK ("action_proposals"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"section" text NOT NULL,
	"line_length" integer NOT NULL,
	"from_line" integer NOT NULL,
	"to_line" integer NOT NULL,
	"replacement" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"author_id" uuid,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"merged_into_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "amendments_status" CHECK ("amendments"."status" in ('proposed','accepted','rejected','merged')),
	CONSTRAINT "amendments_range" CHECK ("amendments"."from_line" >= 1 and "amendments"."to_line" >= "amendments"."from_line"),
	CONSTRAINT "amendments_section" CHECK ("amendments"."section" in ('context','argumentation','attention','alreadyDoes','examples'))
);
--> statement-breakpoint
CREATE TABLE "board_decisions" (
	"recommendation_id" uuid PRIMARY KEY NOT NULL,
	"decision" text NOT NULL,
	"merged_into_id" uuid,
	"version_id" uuid NOT NULL,
	"reasons" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_decisions_known" CHECK ("board_decisions"."decision" in ('retained','retained_amended','merged','not_retained')),
	CONSTRAINT "board_decisions_merged_into" CHECK (("board_decisions"."decision" = 'merged') = ("board_decisions"."merged_into_id" is not null) and "board_decisions"."merged_into_id" is distinct from "board_decisions"."recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "board_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"submitted_by" uuid,
	"note" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendation_attachments" (
	"recommendation_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "recommendation_attachments_recommendation_id_document_id_pk" PRIMARY KEY("recommendation_id","document_id")
);
--> statement-breakpoint
CREATE TABLE "recommendation_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"version_id" uuid,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recommendation_translations" (
	"recommendation_id" uuid NOT NULL,
	"language" text NOT NULL,
	"source_version_id" uuid NOT NULL,
	"title" text NOT NULL,
	"sections" jsonb NOT NULL,
	"quotes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"footnotes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"translator_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_translations_recommendation_id_language_pk" PRIMARY KEY("recommendation_id","language"),
	CONSTRAINT "recommendation_translations_language" CHECK ("recommendation_translations"."language" in ('fr','nl','de','en'))
);
--> statement-breakpoint
CREATE TABLE "recommendation_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"title_check_overridden" boolean DEFAULT false NOT NULL,
	"sections" jsonb NOT NULL,
	"quotes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"footnotes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"origin" text DEFAULT 'draft' NOT NULL,
	"submitted_at" timestamp with time zone,
	"line_length" integer DEFAULT 80 NOT NULL,
	"author_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendation_versions_number" UNIQUE("recommendation_id","number"),
	CONSTRAINT "recommendation_versions_number_positive" CHECK ("recommendation_versions"."number" >= 1),
	CONSTRAINT "recommendation_versions_origin" CHECK ("recommendation_versions"."origin" in ('draft','amended')),
	CONSTRAINT "recommendation_versions_line_length" CHECK ("recommendation_versions"."line_length" between 20 and 200)
);
--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"source_language" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"axes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "recommendations_cycle_number" UNIQUE("cycle_id","number"),
	CONSTRAINT "recommendations_number_positive" CHECK ("recommendations"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "state_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_id" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "state_changes_subject" CHECK ("state_changes"."subject" in ('recommendation','action_proposal'))
);
--> statement-breakpoint
CREATE TABLE "workflow_configs" (
	"organisation_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"config" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workflow_configs_organisation_id_subject_pk" PRIMARY KEY("organisation_id","subject"),
	CONSTRAINT "workflow_configs_subject" CHECK ("workflow_configs"."subject" in ('recommendation','action_proposal'))
);
--> statement-breakpoint
CREATE TABLE "assemblies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"cycle_id" uuid,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assemblies_status" CHECK ("assemblies"."status" in ('draft','open','closed'))
);
--> statement-breakpoint
CREATE TABLE "assembly_attendance" (
	"assembly_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"college_key" text NOT NULL,
	"weight" numeric(12, 6) NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_attendance_assembly_id_person_id_pk" PRIMARY KEY("assembly_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "assembly_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"proposal_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"decision_kind" text DEFAULT 'ordinary' NOT NULL,
	"secret" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"result" jsonb,
	"adopted" boolean,
	CONSTRAINT "assembly_items_position" UNIQUE("assembly_id","position"),
	CONSTRAINT "assembly_items_kind" CHECK ("assembly_items"."kind" in ('proposal','statutory')),
	CONSTRAINT "assembly_items_proposal" CHECK (("assembly_items"."kind" = 'proposal') = ("assembly_items"."proposal_id" is not null)),
	CONSTRAINT "assembly_items_decision_kind" CHECK ("assembly_items"."decision_kind" in ('ordinary','extraordinary')),
	CONSTRAINT "assembly_items_status" CHECK ("assembly_items"."status" in ('pending','open','closed'))
);
--> statement-breakpoint
CREATE TABLE "assembly_named_votes" (
	"item_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"cast_by" uuid NOT NULL,
	"choice" text NOT NULL,
	"college_key" text NOT NULL,
	"weight" numeric(12, 6) NOT NULL,
	CONSTRAINT "assembly_named_votes_item_id_person_id_pk" PRIMARY KEY("item_id","person_id"),
	CONSTRAINT "assembly_named_votes_choice" CHECK ("assembly_named_votes"."choice" in ('yes','no','abstain'))
);
--> statement-breakpoint
CREATE TABLE "assembly_paper_tallies" (
	"item_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"college_key" text NOT NULL,
	"yes" integer NOT NULL,
	"no" integer NOT NULL,
	"abstain" integer NOT NULL,
	"teller_id" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_paper_tallies_item_id_site_id_college_key_pk" PRIMARY KEY("item_id","site_id","college_key"),
	CONSTRAINT "assembly_paper_tallies_counts" CHECK ("assembly_paper_tallies"."yes" >= 0 and "assembly_paper_tallies"."no" >= 0 and "assembly_paper_tallies"."abstain" >= 0)
);
--> statement-breakpoint
CREATE TABLE "assembly_proxies" (
	"assembly_id" uuid NOT NULL,
	"giver_id" uuid NOT NULL,
	"holder_id" uuid NOT NULL,
	"college_key" text NOT NULL,
	"weight" numeric(12, 6) NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assembly_proxies_assembly_id_giver_id_pk" PRIMARY KEY("assembly_id","giver_id"),
	CONSTRAINT "assembly_proxies_not_self" CHECK ("assembly_proxies"."giver_id" <> "assembly_proxies"."holder_id")
);
--> statement-breakpoint
CREATE TABLE "assembly_secret_votes" (
	"item_id" uuid NOT NULL,
	"choice" text NOT NULL,
	"college_key" text NOT NULL,
	"weight" numeric(12, 6) NOT NULL,
	"proxy" boolean DEFAULT false NOT NULL,
	"tracker" text NOT NULL,
	CONSTRAINT "assembly_secret_votes_item_id_tracker_pk" PRIMARY KEY("item_id","tracker"),
	CONSTRAINT "assembly_secret_votes_choice" CHECK ("assembly_secret_votes"."choice" in ('yes','no','abstain'))
);
--> statement-breakpoint
CREATE TABLE "assembly_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assembly_id" uuid NOT NULL,
	"name" text NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"voting" text DEFAULT 'online' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "assembly_sites_name" UNIQUE("assembly_id","name"),
	CONSTRAINT "assembly_sites_voting" CHECK ("assembly_sites"."voting" in ('online','paper'))
);
--> statement-breakpoint
CREATE TABLE "assembly_tellers" (
	"assembly_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid,
	CONSTRAINT "assembly_tellers_assembly_id_person_id_pk" PRIMARY KEY("assembly_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "assembly_vote_register" (
	"item_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"cast_by" uuid NOT NULL,
	CONSTRAINT "assembly_vote_register_item_id_person_id_pk" PRIMARY KEY("item_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_known_role";--> statement-breakpoint
ALTER TABLE "action_proposal_recommendations" ADD CONSTRAINT "action_proposal_recommendations_proposal_id_action_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."action_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_proposal_recommendations" ADD CONSTRAINT "action_proposal_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_proposals" ADD CONSTRAINT "action_proposals_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_proposals" ADD CONSTRAINT "action_proposals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_proposals" ADD CONSTRAINT "action_proposals_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_version_id_recommendation_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."recommendation_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_decided_by_persons_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amendments" ADD CONSTRAINT "amendments_merged_into_version_id_recommendation_versions_id_fk" FOREIGN KEY ("merged_into_version_id") REFERENCES "public"."recommendation_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_decisions" ADD CONSTRAINT "board_decisions_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_decisions" ADD CONSTRAINT "board_decisions_merged_into_id_recommendations_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."recommendations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_decisions" ADD CONSTRAINT "board_decisions_version_id_recommendation_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."recommendation_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_decisions" ADD CONSTRAINT "board_decisions_decided_by_persons_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_notes" ADD CONSTRAINT "board_notes_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_notes" ADD CONSTRAINT "board_notes_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_submissions" ADD CONSTRAINT "group_submissions_group_id_working_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_submissions" ADD CONSTRAINT "group_submissions_submitted_by_persons_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_attachments" ADD CONSTRAINT "recommendation_attachments_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_attachments" ADD CONSTRAINT "recommendation_attachments_document_id_group_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."group_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_comments" ADD CONSTRAINT "recommendation_comments_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_comments" ADD CONSTRAINT "recommendation_comments_version_id_recommendation_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."recommendation_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_comments" ADD CONSTRAINT "recommendation_comments_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_translations" ADD CONSTRAINT "recommendation_translations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_translations" ADD CONSTRAINT "recommendation_translations_source_version_id_recommendation_versions_id_fk" FOREIGN KEY ("source_version_id") REFERENCES "public"."recommendation_versions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_translations" ADD CONSTRAINT "recommendation_translations_translator_id_persons_id_fk" FOREIGN KEY ("translator_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_versions" ADD CONSTRAINT "recommendation_versions_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_versions" ADD CONSTRAINT "recommendation_versions_author_id_persons_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_group_id_working_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."working_groups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_created_by_persons_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "state_changes" ADD CONSTRAINT "state_changes_actor_id_persons_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_configs" ADD CONSTRAINT "workflow_configs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assemblies" ADD CONSTRAINT "assemblies_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_site_id_assembly_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."assembly_sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_attendance" ADD CONSTRAINT "assembly_attendance_recorded_by_persons_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_items" ADD CONSTRAINT "assembly_items_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_items" ADD CONSTRAINT "assembly_items_proposal_id_action_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."action_proposals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_named_votes" ADD CONSTRAINT "assembly_named_votes_item_id_assembly_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."assembly_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_named_votes" ADD CONSTRAINT "assembly_named_votes_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_named_votes" ADD CONSTRAINT "assembly_named_votes_cast_by_persons_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_paper_tallies" ADD CONSTRAINT "assembly_paper_tallies_item_id_assembly_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."assembly_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_paper_tallies" ADD CONSTRAINT "assembly_paper_tallies_site_id_assembly_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."assembly_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_paper_tallies" ADD CONSTRAINT "assembly_paper_tallies_teller_id_persons_id_fk" FOREIGN KEY ("teller_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_giver_id_persons_id_fk" FOREIGN KEY ("giver_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_holder_id_persons_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_proxies" ADD CONSTRAINT "assembly_proxies_recorded_by_persons_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_secret_votes" ADD CONSTRAINT "assembly_secret_votes_item_id_assembly_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."assembly_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_sites" ADD CONSTRAINT "assembly_sites_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_tellers" ADD CONSTRAINT "assembly_tellers_assembly_id_assemblies_id_fk" FOREIGN KEY ("assembly_id") REFERENCES "public"."assemblies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_tellers" ADD CONSTRAINT "assembly_tellers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_tellers" ADD CONSTRAINT "assembly_tellers_site_id_assembly_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."assembly_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_vote_register" ADD CONSTRAINT "assembly_vote_register_item_id_assembly_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."assembly_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_vote_register" ADD CONSTRAINT "assembly_vote_register_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assembly_vote_register" ADD CONSTRAINT "assembly_vote_register_cast_by_persons_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_proposal_recommendations_rec_idx" ON "action_proposal_recommendations" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "amendments_rec_idx" ON "amendments" USING btree ("recommendation_id");--> statement-breakpoint
CREATE INDEX "board_notes_rec_idx" ON "board_notes" USING btree ("recommendation_id","created_at");--> statement-breakpoint
CREATE INDEX "group_submissions_group_idx" ON "group_submissions" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "recommendation_comments_rec_idx" ON "recommendation_comments" USING btree ("recommendation_id","created_at");--> statement-breakpoint
CREATE INDEX "recommendations_group_idx" ON "recommendations" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "state_changes_subject_idx" ON "state_changes" USING btree ("subject","subject_id","at");--> statement-breakpoint
CREATE INDEX "assembly_attendance_site_idx" ON "assembly_attendance" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "assembly_proxies_holder_idx" ON "assembly_proxies" USING btree ("assembly_id","holder_id");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_known_role" CHECK ("role_assignments"."role" in ('admin','cycle_manager','facilitator','secretary','board_member','ethics_committee','guest_author','translator'));