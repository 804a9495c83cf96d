import type { ModelCommand, ModelCommandInput } from './model.commands';
import { modelCommandSchema } from './model.commands';
import { decide } from './model.decide';
import type { ModelEvent } from './model.events';
import { fold } from './model.state';
import { DEFAULT_REGISTRY_POLICY, type RegistryPolicy } from './promotion-policy';

/**
 * Given/when/then for the model decider (emmett's `DeciderSpecification`, in miniature):
 * `given(events).when(command).then(events)` or `.thenThrows(code)`. Commands are parsed with
 * their schema first, so defaults apply as at the edge. Test-only helper.
 */
export function modelSpec(policy: RegistryPolicy = DEFAULT_REGISTRY_POLICY) {
  return {
    given(events: readonly ModelEvent[]) {
      return {
        when(input: ModelCommandInput) {
          const command: ModelCommand = modelCommandSchema.parse(input);
          const run = () => decide(command, fold(events), policy);
          return {
            then(expected: readonly ModelEvent[]): void {
              expect(run()).toEqual(expected);
            },
            thenThrows(code: string): void {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toMatchObject({ code });
            },
            /** The events, for assertions that do not spell out every field. */
            events(): ModelEvent[] {
              return run();
            },
          };
        },
      };
    },
  };
}
