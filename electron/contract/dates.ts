// A calendar date as the contract accepts it: YYYY-MM-DD and a day that exists (no 2024-02-30).
import { z } from 'zod';

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const millis = Date.parse(`${value}T00:00:00Z`);
    return !Number.isNaN(millis) && new Date(millis).toISOString().startsWith(value);
  }, 'not a real calendar date');
