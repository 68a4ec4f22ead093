ALTER TABLE `links` ADD `anchor_exact` text;--> statement-breakpoint
ALTER TABLE `links` ADD `anchor_prefix` text;--> statement-breakpoint
ALTER TABLE `links` ADD `anchor_suffix` text;