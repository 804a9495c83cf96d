import { z } from 'zod';

/** An instant as an ISO 8601 string with a time-zone offset: `2025-01-31T12:00:00.000Z`. */
export const isoTimestampSchema = z.iso.datetime({ offset: true }).describe('ISO 8601 timestamp with offset');

/** Milliseconds since the Unix epoch, as MLflow records run and metric times. */
export const epochMillisSchema = z.int().min(0).describe('Milliseconds since the Unix epoch');

/** A duration in milliseconds. */
export const durationMsSchema = z.number().min(0).describe('Duration in milliseconds');
