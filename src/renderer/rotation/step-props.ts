/** What every rotation step component is given by the rotation screen. */
import type { ActiveRotationView, RotationView } from '../../shared/model/rotation.ts';
import type { IpcClient } from '../app/ipc-client.ts';
import type { Act } from './RotationScreen.tsx';

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
