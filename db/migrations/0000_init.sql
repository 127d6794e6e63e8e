CREATE TYPE "public"."export_status" AS ENUM('running', 'done', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."rollout_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."step_tag" AS ENUM('inspect', 'act', 'verify', 'other');--> statement-breakpoint
CREATE TYPE "public"."task_validation" AS ENUM('unvalidated', 'valid', 'invalid', 'error');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('viewer', 'annotator', 'curator', 'admin');--> statement-breakpoint
CREATE TABLE "agents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"model" text,
	"version" text,
	"harness" text,
	"provider" text,
	"config" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agents_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"hash" text PRIMARY KEY NOT NULL,
	"encoding" text NOT NULL,
	"size" bigint NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"source" text,
	"instruction" text,
	"category" text,
	"difficulty" text,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"environment" jsonb,
	"checksum" text,
	"has_tests" boolean DEFAULT false NOT NULL,
	"has_solution" boolean DEFAULT false NOT NULL,
	"validation" "task_validation" DEFAULT 'unvalidated' NOT NULL,
	"oracle_passed" boolean,
	"nop_failed" boolean,
	"validated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"email" text,
	"role" "user_role" DEFAULT 'annotator' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_name_unique" UNIQUE("name"),
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "steps" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"trajectory_id" bigint NOT NULL,
	"index" integer NOT NULL,
	"source" text DEFAULT 'agent' NOT NULL,
	"started_at" timestamp with time zone,
	"recording_offset" double precision,
	"thought" text,
	"tool_name" text,
	"tool_args" jsonb,
	"action" text,
	"keystrokes" text,
	"observation" text,
	"exit_code" integer,
	"trainable" boolean DEFAULT true NOT NULL,
	"commands" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"auto_tag" "step_tag",
	"auto_rule" text,
	"auto_confidence" real,
	"rules_version" text,
	"tag" "step_tag"
);
--> statement-breakpoint
CREATE TABLE "trajectories" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "trajectories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" bigint,
	"agent_id" bigint,
	"source_format" text NOT NULL,
	"source_path" text,
	"source_hash" text NOT NULL,
	"source_blob" text,
	"recording_blob" text,
	"session_id" text,
	"reward" double precision,
	"resolved" boolean,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"duration_ms" bigint,
	"prompt_tokens" bigint,
	"completion_tokens" bigint,
	"cached_tokens" bigint,
	"cost_usd" double precision,
	"step_count" integer DEFAULT 0 NOT NULL,
	"labeled_step_count" integer DEFAULT 0 NOT NULL,
	"tor" real,
	"var" real,
	"closed_loop" real,
	"iav_cycles" integer,
	"egs" real,
	"egs_version" text,
	"metrics_detail" jsonb,
	"failure_tags" text[] DEFAULT '{}' NOT NULL,
	"import_warnings" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "labels" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "labels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"step_id" bigint NOT NULL,
	"annotator_id" bigint NOT NULL,
	"tag" "step_tag" NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dataset_version_members" (
	"version_id" bigint NOT NULL,
	"trajectory_id" bigint NOT NULL,
	"split" text DEFAULT 'train' NOT NULL,
	CONSTRAINT "dataset_version_members_version_id_trajectory_id_pk" PRIMARY KEY("version_id","trajectory_id")
);
--> statement-breakpoint
CREATE TABLE "dataset_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dataset_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dataset_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"filter" text NOT NULL,
	"options" jsonb NOT NULL,
	"member_count" integer NOT NULL,
	"content_hash" text NOT NULL,
	"stats" jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "datasets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text,
	"filter" text DEFAULT '' NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "datasets_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "exports" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "exports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dataset_version_id" bigint NOT NULL,
	"format" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "export_status" DEFAULT 'running' NOT NULL,
	"path" text,
	"content_hash" text,
	"bytes" bigint,
	"trajectory_count" integer,
	"error" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "student_results" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "student_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"dataset_version_id" bigint NOT NULL,
	"student_model" text NOT NULL,
	"benchmark" text NOT NULL,
	"score" double precision NOT NULL,
	"notes" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollout_jobs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rollout_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"agent_config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"status" "rollout_status" DEFAULT 'queued' NOT NULL,
	"tries" integer DEFAULT 0 NOT NULL,
	"worker_id" text,
	"container_id" text,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"reward" double precision,
	"error" text,
	"logs" text,
	"trajectory_id" bigint
);
--> statement-breakpoint
ALTER TABLE "steps" ADD CONSTRAINT "steps_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_source_blob_blobs_hash_fk" FOREIGN KEY ("source_blob") REFERENCES "public"."blobs"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trajectories" ADD CONSTRAINT "trajectories_recording_blob_blobs_hash_fk" FOREIGN KEY ("recording_blob") REFERENCES "public"."blobs"("hash") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_step_id_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_annotator_id_users_id_fk" FOREIGN KEY ("annotator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_version_members" ADD CONSTRAINT "dataset_version_members_version_id_dataset_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."dataset_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_version_members" ADD CONSTRAINT "dataset_version_members_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dataset_versions" ADD CONSTRAINT "dataset_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exports" ADD CONSTRAINT "exports_dataset_version_id_dataset_versions_id_fk" FOREIGN KEY ("dataset_version_id") REFERENCES "public"."dataset_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exports" ADD CONSTRAINT "exports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_results" ADD CONSTRAINT "student_results_dataset_version_id_dataset_versions_id_fk" FOREIGN KEY ("dataset_version_id") REFERENCES "public"."dataset_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_results" ADD CONSTRAINT "student_results_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_jobs" ADD CONSTRAINT "rollout_jobs_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_jobs" ADD CONSTRAINT "rollout_jobs_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_jobs" ADD CONSTRAINT "rollout_jobs_trajectory_id_trajectories_id_fk" FOREIGN KEY ("trajectory_id") REFERENCES "public"."trajectories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tasks_category_idx" ON "tasks" USING btree ("category");--> statement-breakpoint
CREATE INDEX "tasks_validation_idx" ON "tasks" USING btree ("validation");--> statement-breakpoint
CREATE UNIQUE INDEX "steps_trajectory_index_key" ON "steps" USING btree ("trajectory_id","index");--> statement-breakpoint
CREATE INDEX "steps_tag_idx" ON "steps" USING btree ("tag");--> statement-breakpoint
CREATE UNIQUE INDEX "trajectories_source_hash_key" ON "trajectories" USING btree ("source_hash");--> statement-breakpoint
CREATE INDEX "trajectories_created_idx" ON "trajectories" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "trajectories_egs_idx" ON "trajectories" USING btree ("egs","id");--> statement-breakpoint
CREATE INDEX "trajectories_tor_idx" ON "trajectories" USING btree ("tor","id");--> statement-breakpoint
CREATE INDEX "trajectories_steps_idx" ON "trajectories" USING btree ("step_count","id");--> statement-breakpoint
CREATE INDEX "trajectories_agent_idx" ON "trajectories" USING btree ("agent_id","id");--> statement-breakpoint
CREATE INDEX "trajectories_task_idx" ON "trajectories" USING btree ("task_id","agent_id");--> statement-breakpoint
CREATE INDEX "trajectories_failure_tags_idx" ON "trajectories" USING gin ("failure_tags");--> statement-breakpoint
CREATE INDEX "labels_step_annotator_idx" ON "labels" USING btree ("step_id","annotator_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "labels_annotator_idx" ON "labels" USING btree ("annotator_id","created_at");--> statement-breakpoint
CREATE INDEX "dataset_version_members_trajectory_idx" ON "dataset_version_members" USING btree ("trajectory_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_versions_dataset_version_key" ON "dataset_versions" USING btree ("dataset_id","version");--> statement-breakpoint
CREATE INDEX "exports_version_idx" ON "exports" USING btree ("dataset_version_id");--> statement-breakpoint
CREATE INDEX "student_results_version_idx" ON "student_results" USING btree ("dataset_version_id");--> statement-breakpoint
CREATE INDEX "rollout_jobs_queue_idx" ON "rollout_jobs" USING btree ("status","queued_at","id");--> statement-breakpoint
CREATE INDEX "rollout_jobs_task_idx" ON "rollout_jobs" USING btree ("task_id","agent_id");