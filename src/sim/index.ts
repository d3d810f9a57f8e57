/**
 * The simulated tenant's public API: load and validate a seed, start the simulator.
 * Everything else under src/sim is its implementation.
 */
export { loadSeedFile, validateSeed, SeedValidationError, jsonPath } from './seed/load-seed.ts';
export type { Seed, SimulatorSecrets } from './seed/schema.ts';
export { startSimulator, type Simulator, type SimulatorOptions } from './simulator.ts';
export type { FaultPlan, FaultRule } from './http/faults.ts';
export { readSeedSummary, type SeedSummary } from './seed-summary.ts';
