import { readFileSync } from 'node:fs';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigError, type ConfigProblem } from '@slipway/config';
import { z } from 'zod';
import { REGISTRY_POLICY } from '../commands/registry-commands.service';
import { TRACKING_METRICS_OPTIONS, type TrackingMetricsOptions } from '../commands/tracking-metrics.client';
import { aliasPolicySchema, DEFAULT_REGISTRY_POLICY, type RegistryPolicy } from '../models';

/**
 * A configured policy (file or inline JSON). Unknown keys are refused so a typo such as
 * `requireApproval` cannot silently fall back to the default.
 */
export const configuredPolicySchema = z.strictObject({
  /** The policy of every alias not listed; default {@link DEFAULT_REGISTRY_POLICY}'s. */
  default: aliasPolicySchema.strict().optional(),
  /** Policies by alias. */
  aliases: z.record(z.string().min(1).max(256), aliasPolicySchema.strict()).optional(),
});
export type ConfiguredPolicy = z.infer<typeof configuredPolicySchema>;

/** Where the policy comes from: the registry's config variables. */
export interface PolicySources {
  readonly REGISTRY_POLICY_FILE?: string | undefined;
  readonly REGISTRY_POLICY?: string | undefined;
}

/** Parses one policy document; a problem names `variable` and the bad field. */
export function parsePolicyJson(variable: string, text: string): ConfiguredPolicy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw problem(variable, `is not valid JSON (${(error as Error).message})`);
  }
  const parsed = configuredPolicySchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const { path, message } = innermost(parsed.error.issues[0]);
  throw problem(variable, `${path.length > 0 ? path.map(String).join('.') : '(policy)'}: ${message}`);
}

/** The most precise issue: inside a union (a gate), the branch that came closest. */
function innermost(issue: z.core.$ZodIssue | undefined): { path: PropertyKey[]; message: string } {
  if (!issue) return { path: [], message: 'invalid policy' };
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
    const inner = innermost(closest?.[0]);
    if (closest?.[0]) return { path: [...issue.path, ...inner.path], message: inner.message };
  }
  return { path: issue.path, message: issue.message };
}

/**
 * The promotion policy the registry runs under: `REGISTRY_POLICY_FILE` (a JSON file), then
 * `REGISTRY_POLICY` (inline JSON) over it; `default` replaces, `aliases` merge per alias. What
 * neither sets keeps {@link DEFAULT_REGISTRY_POLICY}.
 *
 * @throws ConfigError naming the variable and the bad field.
 */
export function loadRegistryPolicy(
  sources: PolicySources,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): RegistryPolicy {
  const documents: ConfiguredPolicy[] = [];
  if (sources.REGISTRY_POLICY_FILE) {
    const path = sources.REGISTRY_POLICY_FILE;
    let text: string;
    try {
      text = readFile(path);
    } catch (error) {
      throw problem('REGISTRY_POLICY_FILE', `cannot read ${path} (${(error as Error).message})`);
    }
    documents.push(parsePolicyJson('REGISTRY_POLICY_FILE', text));
  }
  if (sources.REGISTRY_POLICY) documents.push(parsePolicyJson('REGISTRY_POLICY', sources.REGISTRY_POLICY));
  if (documents.length === 0) return DEFAULT_REGISTRY_POLICY;
  const [first, ...overrides] = documents;
  let policy: RegistryPolicy = {
    default: first?.default ?? DEFAULT_REGISTRY_POLICY.default,
    aliases: first?.aliases ?? DEFAULT_REGISTRY_POLICY.aliases,
  };
  for (const next of overrides) {
    policy = {
      default: next.default ?? policy.default,
      aliases: { ...policy.aliases, ...next.aliases },
    };
  }
  return policy;
}

function problem(variable: string, reason: string): ConfigError {
  const p: ConfigProblem = { variable, reason };
  return new ConfigError([p]);
}

/** Provides the loaded policy (`REGISTRY_POLICY`) and the tracking client's options to the app. */
@Global()
@Module({})
export class RegistrySettingsModule {
  static forRoot(policy: RegistryPolicy, tracking: TrackingMetricsOptions): DynamicModule {
    return {
      module: RegistrySettingsModule,
      providers: [
        { provide: REGISTRY_POLICY, useValue: policy },
        { provide: TRACKING_METRICS_OPTIONS, useValue: tracking },
      ],
      exports: [REGISTRY_POLICY, TRACKING_METRICS_OPTIONS],
    };
  }
}
