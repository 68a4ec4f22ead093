CREATE TABLE `entities` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `entities_kind_name_idx` ON `entities` (`kind`,`name`);--> statement-breakpoint
CREATE TABLE `entity_aliases` (
	`entity_id` text NOT NULL,
	`alias` text NOT NULL,
	PRIMARY KEY(`entity_id`, `alias`),
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `entity_aliases_alias_idx` ON `entity_aliases` (`alias`);--> statement-breakpoint
CREATE TABLE `entity_mentions` (
	`entity_id` text NOT NULL,
	`item_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`entity_id`, `item_id`),
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `entity_mentions_item_idx` ON `entity_mentions` (`item_id`);--> statement-breakpoint
CREATE TABLE `incident_actors` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`entity_id` text NOT NULL,
	`role` text NOT NULL,
	`source_item_id` text,
	`note` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `incident_actors_incident_idx` ON `incident_actors` (`incident_id`);--> statement-breakpoint
CREATE INDEX `incident_actors_entity_idx` ON `incident_actors` (`entity_id`);--> statement-breakpoint
CREATE TABLE `item_grades` (
	`item_id` text PRIMARY KEY NOT NULL,
	`credibility` integer NOT NULL,
	`rationale` text,
	`graded_at` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "item_grades_credibility_check" CHECK("item_grades"."credibility" BETWEEN 1 AND 6)
);
--> statement-breakpoint
CREATE TABLE `statement_speakers` (
	`statement_id` text PRIMARY KEY NOT NULL,
	`entity_id` text NOT NULL,
	FOREIGN KEY (`statement_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`entity_id`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `suggestions` (
	`id` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`fingerprint` text NOT NULL,
	`payload` text NOT NULL,
	`status` text NOT NULL,
	`result_id` text,
	`created_at` text NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `suggestions_item_idx` ON `suggestions` (`item_id`,`kind`,`fingerprint`);--> statement-breakpoint
CREATE TABLE `wiki_links` (
	`note_id` text NOT NULL,
	`target` text NOT NULL,
	`item_id` text,
	`link_id` text,
	PRIMARY KEY(`note_id`, `target`),
	FOREIGN KEY (`note_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`link_id`) REFERENCES `links`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `wiki_links_item_idx` ON `wiki_links` (`item_id`);