import type { Child, FC } from 'hono/jsx';
import { Csrf } from './layout.js';
import type { ConsoleSession } from './session.js';

/**
 * The one confirmation page before an irreversible step (certify an election, accept a report, stop a city, revoke a
 * feed): what will be frozen, what follows, then a POST with the CSRF token and `confirm=yes`. Reached by GET, so it
 * works without script; the step's own POST without `confirm=yes` sends the person here instead of acting.
 */
export const ConfirmStep: FC<{
  session: ConsoleSession;
  action: string;
  /** The button, e.g. 确认认证. */
  label: string;
  cancel: string;
  /** What will be frozen, as label and value. */
  facts: [string, Child][];
  consequence: Child;
  fields?: Record<string, string>;
  /** The heading above the facts; by default 以下内容确认后将不可更改. */
  heading?: string;
  children?: Child;
}> = (p) => (
  <section class="card confirm" aria-labelledby="h-confirm">
    <h2 id="h-confirm" style="margin-top:0">
      {p.heading ?? '以下内容确认后将不可更改'}
    </h2>
    <dl class="frozen">
      {p.facts.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
    <p>{p.consequence}</p>
    <form class="stack" method="post" action={p.action}>
      <Csrf session={p.session} />
      <input type="hidden" name="confirm" value="yes" />
      {Object.entries(p.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {p.children}
      <div class="actions">
        <button type="submit" class="danger">
          {p.label}
        </button>
        <a class="button secondary" href={p.cancel}>
          取消，返回
        </a>
      </div>
    </form>
  </section>
);
