/** What the rotation screen hands each step's panel (its own module, so the panels and the screen import it without a cycle). */
import type { ActiveRotationView, RotationView } from '../../shared/model/rotation.ts';
import type { IpcClient } from '../app/ipc-client.ts';

export type Act = (call: () => Promise<RotationView>) => void;

export type Problem = { message: string; nextStep: string };

export type StepProps = {
  readonly client: IpcClient;
  readonly view: RotationView;
  readonly active: ActiveRotationView;
  readonly act: Act;
  readonly busy: boolean;
  readonly onReload: () => void;
  readonly onProblem: (problem: Problem) => void;
};
