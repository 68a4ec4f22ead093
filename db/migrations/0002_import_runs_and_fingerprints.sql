CREATE TABLE `fingerprint_bands` (
	`band` integer NOT NULL,
	`key` integer NOT NULL,
	`item_id` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `fingerprint_bands_key_idx` ON `fingerprint_bands` (`band`,`key`);--> statement-breakpoint
CREATE INDEX `fingerprint_bands_item_idx` ON `fingerprint_bands` (`item_id`);--> statement-breakpoint
CREATE TABLE `import_results` (
	`run_id` text NOT NULL,
	`seq` integer NOT NULL,
	`path` text NOT NULL,
	`status` text NOT NULL,
	`item_id` text,
	`possible_duplicate_of` text,
	`similarity` real,
	`error` text,
	`at` text NOT NULL,
	PRIMARY KEY(`run_id`, `seq`),
	FOREIGN KEY (`run_id`) REFERENCES `import_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `import_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`file_count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `text_fingerprints` (
	`item_id` text PRIMARY KEY NOT NULL,
	`minhash` blob NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE cascade
);
