DROP INDEX `items_type_idx`;--> statement-breakpoint
DROP INDEX `items_updated_idx`;--> statement-breakpoint
CREATE INDEX `items_type_live_updated_idx` ON `items` (`type`,`deleted_at`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `items_live_updated_idx` ON `items` (`deleted_at`,`updated_at`,`id`);