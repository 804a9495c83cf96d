/** The model aggregate of the registry: pure decide/evolve, commands, events, policy and MLflow stages. */
export * from './model.errors';
export * from './model.events';
export * from './model.state';
export * from './model.commands';
export * from './model.decide';
export { REGISTRY_ACTOR } from './model.guards';
export * from './promotion-policy';
export * from './mlflow-stages';
