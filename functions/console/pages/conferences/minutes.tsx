import { msg } from '../../../../shared/conferences/messages.js';
import { defaultLanguage } from '../../../../shared/i18n.js';
import type { Problem } from '../../api.js';
import { Field } from '../../layout.js';

type Form = Record<string, string>;
/** A member unit the minutes may mark as present, and whether the form ticks it before anything was typed. */
export interface Attendee {
  id: string;
  name: string;
  ticked: boolean;
}

export const NEW_RESOLUTION_ROWS = 3;

/**
 * The minutes of a meeting as a form: the text, who attended, and up to three new resolutions (议定事项). One form for a
 * scheduled meeting's minutes and for a held meeting recorded after the fact.
 */
export const MinutesFields = ({ form, errors, attendees }: { form: Form | undefined; errors: Record<string, string>; attendees: Attendee[] }) => {
  const attendanceError = Object.entries(errors).find(([k]) => k.startsWith('attendance'))?.[1];
  return (
    <>
      <Field name="minutes" label="会议纪要" value={form?.['minutes']} error={errors['minutes']} multiline required />
      {attendees.length ? (
        <fieldset>
          <legend>出席的成员单位</legend>
          {attendees.map((u) => (
            <div>
              <input type="checkbox" id={`att-${u.id}`} name={`attended.${u.id}`} value="1" checked={form ? form[`attended.${u.id}`] === '1' : u.ticked} /> <label for={`att-${u.id}`}>{u.name}</label>
            </div>
          ))}
          {attendanceError ? <span class="field-error">{attendanceError}</span> : null}
        </fieldset>
      ) : null}
      {Array.from({ length: NEW_RESOLUTION_ROWS }, (_, n) => (
        <fieldset>
          <legend>议定事项 {n + 1}（可不填）</legend>
          <Field name={`resolutions.${n}.title`} label="事项" value={form?.[`resolutions.${n}.title`]} error={errors[`resolutions.${n}.title`]} />
          <Field
            name={`resolutions.${n}.ownerMemberUnitId`}
            label="责任单位"
            value={form?.[`resolutions.${n}.ownerMemberUnitId`]}
            error={errors[`resolutions.${n}.ownerMemberUnitId`]}
            options={[{ value: '', label: '请选择' }, ...attendees.map((u) => ({ value: u.id, label: u.name }))]}
          />
          <Field name={`resolutions.${n}.dueDate`} label="完成时限" type="date" value={form?.[`resolutions.${n}.dueDate`]} error={errors[`resolutions.${n}.dueDate`]} />
          <label>
            <input type="checkbox" name={`resolutions.${n}.public`} value="1" checked={form?.[`resolutions.${n}.public`] === '1'} /> 在社区居务公开页面公开
          </label>
        </fieldset>
      ))}
    </>
  );
};

/**
 * The API's minutes body from the form: blank resolution rows are left out, a half-filled one is named beside its
 * fields before anything is sent; `renumber` puts the API's resolution numbers back on the page's rows.
 */
export function minutesOfForm(form: Form, attendees: Attendee[]) {
  const resolutions: { title: string; ownerMemberUnitId?: string; dueDate: string; public: boolean }[] = [];
  const local: { path: string; message: string }[] = [];
  const zh = (m: { text: (l: typeof defaultLanguage) => string }) => m.text(defaultLanguage);
  for (let n = 0; n < NEW_RESOLUTION_ROWS; n++) {
    const title = (form[`resolutions.${n}.title`] ?? '').trim();
    const owner = form[`resolutions.${n}.ownerMemberUnitId`] ?? '';
    const due = form[`resolutions.${n}.dueDate`] ?? '';
    if (!title && !owner && !due) continue;
    if (!title) local.push({ path: `body.resolutions.${n}.title`, message: zh(msg.resolution_title_needed()) });
    if (!owner) local.push({ path: `body.resolutions.${n}.ownerMemberUnitId`, message: zh(msg.resolution_owner_needed()) });
    if (!due) local.push({ path: `body.resolutions.${n}.dueDate`, message: zh(msg.resolution_due_needed()) });
    resolutions.push({ title, ...(owner ? { ownerMemberUnitId: owner } : {}), dueDate: due, public: form[`resolutions.${n}.public`] === '1' });
  }
  const rowsSent = [...Array(NEW_RESOLUTION_ROWS).keys()].filter((n) => (form[`resolutions.${n}.title`] ?? '').trim() || form[`resolutions.${n}.ownerMemberUnitId`] || form[`resolutions.${n}.dueDate`]);
  const body = {
    minutes: form['minutes'] ?? '',
    attendance: attendees.map((u) => ({ memberUnitId: u.id, attended: form[`attended.${u.id}`] === '1' })),
    resolutions,
  };
  const localProblem: Problem | undefined = local.length ? { status: 400, code: 'validation_failed', errors: local } : undefined;
  const renumber = (problem: Problem): Problem => ({
    ...problem,
    errors: problem.errors?.map((e) => ({ ...e, path: e.path.replace(/resolutions\.(\d+)/, (_, n: string) => `resolutions.${rowsSent[Number(n)] ?? n}`) })),
  });
  return { body, localProblem, renumber };
}
