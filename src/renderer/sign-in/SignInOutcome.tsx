import { useEffect, useRef } from 'react';

import type { SessionView, SignInExplanationView, SignInProgress } from '../../shared/model/sign-in.ts';
import { ProblemPanel } from '../components/ProblemPanel.tsx';
import { TechnicalDetails } from '../components/TechnicalDetails.tsx';
import { localTime } from '../../shared/journal-words.ts';

/** The attempt as it goes: working, the browser step, a device code, then signed in or not. */
export function SignInOutcome(props: { readonly progress: SignInProgress; readonly onTryAgain: () => void; readonly onBack: () => void }) {
  const { progress } = props;
  const focusRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => focusRef.current?.focus(), [progress.state]);

  switch (progress.state) {
    case 'working':
      return (
        <section className="panel" aria-live="polite" aria-busy="true">
          <h2 ref={focusRef} tabIndex={-1}>
            Signing in…
          </h2>
          <p>{progress.detail}</p>
        </section>
      );
    case 'browser':
      return (
        <section className="panel" aria-live="polite" aria-busy="true">
          <h2 ref={focusRef} tabIndex={-1}>
            Use the security key in the browser
          </h2>
          <p>
            {progress.openedByApp ? 'The sign-in page has opened in your web browser.' : 'Open the sign-in page, then come back here.'}{' '}
            Choose the key from the safe, type its PIN and touch it.
          </p>
          <p>
            <a className="action" href={progress.url} target="_blank" rel="noopener noreferrer">
              {progress.openedByApp ? 'Open the sign-in page again' : 'Open the sign-in page'}
            </a>
          </p>
          <p className="busy">Waiting for the sign-in in the browser… This screen updates by itself when it finishes.</p>
        </section>
      );
    case 'device-code':
      return (
        <section className="panel" aria-live="polite">
          <h2 ref={focusRef} tabIndex={-1}>
            Sign in on another device
          </h2>
          <p>No browser can be opened here. On a phone or another computer, open {progress.verificationUri} and enter this code:</p>
          <p className="device-code">{progress.userCode}</p>
          <p className="quiet">{progress.message}</p>
          <p className="busy">Waiting for the sign-in on the other device…</p>
        </section>
      );
    case 'signed-in':
      return <SignedIn session={progress.session} unrecorded={progress.unrecorded} headingRef={focusRef} onBack={props.onBack} />;
    case 'failed':
      return (
        <Failed explanation={progress.explanation} unrecorded={progress.unrecorded} headingRef={focusRef} onTryAgain={props.onTryAgain} />
      );
    case 'refused':
      return (
        <ProblemPanel title="The sign-in was not attempted" message={progress.message} nextStep={progress.nextStep}>
          <button type="button" className="action" onClick={props.onTryAgain}>
            Change something and try again
          </button>
        </ProblemPanel>
      );
  }
}

function Unrecorded({ text }: { readonly text: string | undefined }) {
  return text ? <p className="warning">{text} Write down what happened, with the time, on the paper record.</p> : null;
}

function SignedIn(props: {
  readonly session: SessionView;
  readonly unrecorded: string | undefined;
  readonly headingRef: React.RefObject<HTMLHeadingElement | null>;
  readonly onBack: () => void;
}) {
  const { session } = props;
  return (
    <section className="panel panel-success" aria-live="polite">
      <h2 ref={props.headingRef} tabIndex={-1}>
        Signed in as {session.who}
      </h2>
      <dl className="facts">
        <div>
          <dt>The tenant answers</dt>
          {session.graphProblem ? (
            <dd className="warning">{session.graphProblem}</dd>
          ) : (
            <dd>Yes{session.displayName ? `: it knows this sign-in as “${session.displayName}”` : ''}.</dd>
          )}
        </div>
        <div>
          <dt>Active directory roles</dt>
          <dd>{session.directoryRoles.length > 0 ? session.directoryRoles.join(', ') : 'None'}</dd>
          {session.holdsGlobalAdministrator ? null : (
            <dd className="warning">Global Administrator is not active for this sign-in: recovery actions may be refused.</dd>
          )}
        </div>
        {session.unavailableActions && session.unavailableActions.length > 0 ? (
          <div>
            <dt>Will not work with this sign-in</dt>
            {session.unavailableActions.map((item) => (
              <dd key={item.action} className="warning">
                {item.reason}
              </dd>
            ))}
          </div>
        ) : null}
        <div>
          <dt>Recorded</dt>
          <dd>In the journal, at {localTime(session.signedInAt)}.</dd>
        </div>
      </dl>
      {session.kind === 'app' || session.credential ? (
        <TechnicalDetails>
          <dl className="facts">
            {session.kind === 'app' ? (
              <div>
                <dt>Microsoft Graph permissions</dt>
                <dd>{session.permissions.length > 0 ? session.permissions.join(', ') : 'None'}</dd>
              </div>
            ) : null}
            {session.credential ? (
              <div>
                <dt>Certificate</dt>
                <dd className="path">{session.credential}</dd>
              </div>
            ) : null}
          </dl>
        </TechnicalDetails>
      ) : null}
      <Unrecorded text={props.unrecorded} />
      <p className="actions">
        <button type="button" className="action" onClick={props.onBack}>
          Continue
        </button>
      </p>
    </section>
  );
}

function Failed(props: {
  readonly explanation: SignInExplanationView;
  readonly unrecorded: string | undefined;
  readonly headingRef: React.RefObject<HTMLHeadingElement | null>;
  readonly onTryAgain: () => void;
}) {
  const { explanation } = props;
  return (
    <section className="panel panel-problem" role="alert">
      <h2 ref={props.headingRef} tabIndex={-1}>
        {explanation.title}
      </h2>
      <p>{explanation.explanation}</p>
      <h3>What to do now</h3>
      <ol>
        {explanation.nextSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {explanation.code || explanation.microsoftMessage || explanation.traceId ? (
        <TechnicalDetails summary="Details for Microsoft support">
          {explanation.code ? <p>Error code AADSTS{explanation.code}</p> : null}
          {explanation.microsoftMessage ? <p>Microsoft said: {explanation.microsoftMessage}</p> : null}
          {explanation.traceId ? (
            <p>
              Trace ID <span className="path">{explanation.traceId}</span>
              {explanation.correlationId ? (
                <>
                  , correlation ID <span className="path">{explanation.correlationId}</span>
                </>
              ) : null}
              {explanation.timestamp ? `, ${explanation.timestamp}` : ''} – Microsoft support asks for these.
            </p>
          ) : null}
        </TechnicalDetails>
      ) : null}
      <Unrecorded text={props.unrecorded} />
      <p className="actions">
        <button type="button" className="action" onClick={props.onTryAgain}>
          Choose a way in again
        </button>
      </p>
    </section>
  );
}
