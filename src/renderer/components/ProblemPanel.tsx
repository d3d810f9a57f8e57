import type { ReactNode } from 'react';

/** A problem stated plainly: what happened, and what to do next. */
export function ProblemPanel(props: {
  readonly title: string;
  readonly message: string;
  readonly nextStep: string;
  readonly children?: ReactNode;
}) {
  return (
    <section className="panel panel-problem" role="alert">
      <h2>{props.title}</h2>
      <p>{props.message}</p>
      <p>
        <strong>What to do now: </strong>
        {props.nextStep}
      </p>
      {props.children}
    </section>
  );
}
