import type { Context } from 'hono';
import type { FC, PropsWithChildren } from 'hono/jsx';
import { consultationRatingLabels, consultationRatings, NAME_MAX, TEXT_MAX, COMMENT_MAX } from '../../../shared/consultations/rules.js';
import { consultationSubmission, ratingInput, type ConsultationReceipt, type PublicConsultation } from '../../../shared/consultations/schemas.js';
import { getPublicCategories, rateConsultation, readConsultationLink, submitConsultation } from '../../../shared/consultations/service.js';
import { AppError } from '../../../shared/errors.js';
import { zodFieldProblems } from '../../../shared/zod-messages.js';
import type { ApiEnv } from '../env.js';
import { errorStatus } from '../problems.js';
import { newRouter } from '../router.js';
import { clientAddress } from './consultations.js';

type Ctx = Context<ApiEnv>;
type Form = Record<string, string>;
interface Refusal {
  detail: string;
  fields: Record<string, string>;
}

const style = `
body{margin:0;font:16px/1.6 "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;background:#f8fafc}
main{max-width:640px;margin:0 auto;padding:16px}
h1{font-size:1.35rem;margin:.5rem 0 1rem;color:#991b1b}
.card{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:16px;margin-bottom:16px}
label{display:block;font-weight:600;margin-bottom:4px}
.field{margin-bottom:14px}
input,select,textarea{box-sizing:border-box;width:100%;font:inherit;padding:8px;border:1px solid #9ca3af;border-radius:6px;background:#fff}
textarea{min-height:9rem}
.hint{color:#4b5563;font-size:.875rem}
.error{color:#b91c1c;font-size:.9rem}
.alert{border-left:4px solid #b91c1c;background:#fef2f2;padding:10px 12px;margin-bottom:16px}
.ok{border-left-color:#15803d;background:#f0fdf4}
button{font:inherit;background:#b91c1c;color:#fff;border:0;border-radius:6px;padding:10px 20px;cursor:pointer}
code,.link{word-break:break-all}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:0}
dt{color:#4b5563}
fieldset{border:0;padding:0;margin:0 0 14px}
.choice{display:inline-flex;align-items:center;gap:6px;margin-right:16px}
.choice input{width:auto}
.answer{white-space:pre-wrap}`;

const Page: FC<PropsWithChildren<{ title: string }>> = ({ title, children }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex" />
      <title>{title}</title>
      <style>{style}</style>
    </head>
    <body>
      <main>
        <h1>{title}</h1>
        {children}
      </main>
    </body>
  </html>
);

const Problem: FC<{ refusal: Refusal | undefined }> = ({ refusal }) =>
  refusal ? (
    <div class="alert" role="alert">
      {refusal.detail}
    </div>
  ) : null;

const FieldError: FC<{ id: string; error: string | undefined }> = ({ id, error }) =>
  error ? (
    <div class="error" id={`${id}-error`}>
      {error}
    </div>
  ) : null;

/** A page's answer: HTML in Chinese, never cached (the private link is in it), no script, no framing. */
function html(c: Ctx, page: ReturnType<FC>, status: number, headers: Record<string, string> = {}) {
  return c.html(page as never, status as 200, {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    'referrer-policy': 'no-referrer',
    ...headers,
  });
}

function refusalOf(error: unknown): { refusal: Refusal; status: number; headers: Record<string, string> } {
  if (!(error instanceof AppError)) throw error;
  const fields = Object.fromEntries((error.details.errors ?? []).map((e) => [e.path.replace(/^body\./, ''), e.message.text('zh')]));
  const retry = error.details['retryAfterSeconds'];
  return { refusal: { detail: error.reason.text('zh'), fields }, status: errorStatus[error.code], headers: typeof retry === 'number' ? { 'retry-after': String(retry) } : {} };
}

const notFoundPage = (c: Ctx, error: unknown) => {
  const { refusal, status } = refusalOf(error);
  return html(c, <Page title="页面不存在"><Problem refusal={refusal} /></Page>, status);
};

const params = (c: Ctx) => ({ cityCode: c.req.param('cityCode') ?? '', communityCode: c.req.param('communityCode') ?? '' });

async function askPage(c: Ctx, state: { form?: Form; refusal?: Refusal; status?: number; headers?: Record<string, string> } = {}) {
  let about: Awaited<ReturnType<typeof getPublicCategories>>;
  try {
    about = await getPublicCategories({ ctx: c.var.ctx, input: params(c) });
  } catch (error) {
    return notFoundPage(c, error);
  }
  const form = state.form ?? {};
  const errors = state.refusal?.fields ?? {};
  const described = (id: string, hint?: boolean) => [hint ? `${id}-hint` : '', errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return html(
    c,
    <Page title={`向${about.communityName}咨询`}>
      <p>居民可在此向社区居委会咨询政策、办事或提出求助和建议，无需登录。社区将在 {about.answerWorkingDays} 个工作日内答复（节假日顺延）。</p>
      <Problem refusal={state.refusal} />
      <form method="post" class="card">
        <div class="field">
          <label for="category">咨询类别</label>
          <select id="category" name="category" required aria-describedby={described('category')}>
            {about.categories.map((k) => (
              <option value={k} selected={form['category'] === k}>
                {k}
              </option>
            ))}
          </select>
          <FieldError id="category" error={errors['category']} />
        </div>
        <div class="field">
          <label for="text">咨询内容</label>
          <textarea id="text" name="text" required minlength={5} maxlength={TEXT_MAX} aria-describedby={described('text', true)}>
            {form['text'] ?? ''}
          </textarea>
          <div class="hint" id="text-hint">
            5 至 {TEXT_MAX} 字，只写文字，请勿填写身份证号等敏感信息。
          </div>
          <FieldError id="text" error={errors['text']} />
        </div>
        <div class="field">
          <label for="name">称呼（选填）</label>
          <input id="name" name="name" maxlength={NAME_MAX} value={form['name'] ?? ''} autocomplete="name" aria-describedby={described('name')} />
          <FieldError id="name" error={errors['name']} />
        </div>
        <div class="field">
          <label for="phone">联系电话（选填）</label>
          <input id="phone" name="phone" type="tel" maxlength={20} value={form['phone'] ?? ''} autocomplete="tel" aria-describedby={described('phone', true)} />
          <div class="hint" id="phone-hint">
            仅社区工作人员可见，并加密保存。
          </div>
          <FieldError id="phone" error={errors['phone']} />
        </div>
        <button type="submit">提交咨询</button>
      </form>
    </Page>,
    state.status ?? 200,
    state.headers,
  );
}

const ReceiptPage: FC<{ receipt: ConsultationReceipt; origin: string }> = ({ receipt, origin }) => (
  <Page title="咨询已提交">
    <div class="alert ok" role="status">
      {receipt.communityName}已收到您的咨询，将于 {receipt.dueOn} 前答复。
    </div>
    <div class="card">
      <dl>
        <dt>查询编号</dt>
        <dd>
          <strong id="tracking-code">{receipt.trackingCode}</strong>
        </dd>
        <dt>收到日期</dt>
        <dd>{receipt.receivedOn}</dd>
        <dt>答复期限</dt>
        <dd>{receipt.dueOn}</dd>
      </dl>
    </div>
    <div class="card">
      <p>
        <strong>请保存下面的私密链接</strong>，凭此链接查看答复并评价；链接只显示这一次，请勿转发他人。
      </p>
      <p class="link">
        <a id="private-link" href={receipt.link}>
          {`${origin}${receipt.link}`}
        </a>
      </p>
    </div>
  </Page>
);

async function linkPage(c: Ctx, state: { form?: Form; refusal?: Refusal; status?: number; done?: boolean } = {}) {
  let seen: PublicConsultation;
  try {
    seen = await readConsultationLink({ ctx: c.var.ctx, input: { token: c.req.param('token') ?? '' } });
  } catch (error) {
    return notFoundPage(c, error);
  }
  const errors = state.refusal?.fields ?? {};
  return html(
    c,
    <Page title={`我的咨询 ${seen.trackingCode}`}>
      {state.done ? (
        <div class="alert ok" role="status">
          感谢您的评价。
        </div>
      ) : null}
      <Problem refusal={state.refusal} />
      <div class="card">
        <dl>
          <dt>社区</dt>
          <dd>{seen.communityName}</dd>
          <dt>类别</dt>
          <dd>{seen.category}</dd>
          <dt>状态</dt>
          <dd id="status">{seen.statusLabel}</dd>
          <dt>收到日期</dt>
          <dd>{seen.receivedOn}</dd>
          <dt>答复期限</dt>
          <dd>{seen.dueOn}</dd>
        </dl>
        <h2>咨询内容</h2>
        <p class="answer">{seen.text}</p>
      </div>
      <div class="card">
        <h2>社区答复</h2>
        {seen.answer ? (
          <>
            <p class="answer" id="answer">
              {seen.answer}
            </p>
            <p class="hint">答复日期：{seen.answeredOn}</p>
          </>
        ) : (
          <p>社区尚未答复，请于答复期限后再来查看。</p>
        )}
      </div>
      {seen.rating ? (
        <div class="card">
          <h2>我的评价</h2>
          <p id="rating">{seen.ratingLabel}</p>
          {seen.ratingComment ? <p class="answer">{seen.ratingComment}</p> : null}
        </div>
      ) : null}
      {seen.canRate ? (
        <form method="post" class="card">
          <h2>评价答复（只能评价一次）</h2>
          <fieldset>
            <legend class="hint">您对答复是否满意？</legend>
            {consultationRatings.map((r) => (
              <label class="choice">
                <input type="radio" name="rating" value={r} required checked={state.form?.['rating'] === r} />
                {consultationRatingLabels[r]}
              </label>
            ))}
            <FieldError id="rating" error={errors['rating']} />
          </fieldset>
          <div class="field">
            <label for="comment">意见（选填）</label>
            <textarea id="comment" name="comment" maxlength={COMMENT_MAX}>
              {state.form?.['comment'] ?? ''}
            </textarea>
            <FieldError id="comment" error={errors['comment']} />
          </div>
          <button type="submit">提交评价</button>
        </form>
      ) : null}
    </Page>,
    state.status ?? 200,
  );
}

async function formOf(c: Ctx): Promise<Form> {
  const parsed = await c.req.parseBody();
  return Object.fromEntries(Object.entries(parsed).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])));
}

/** Blank optional fields are absent, as the JSON API takes them. */
const present = (form: Form, names: readonly string[]) => Object.fromEntries(names.flatMap((n) => (form[n]?.trim() ? [[n, form[n]]] : [])));

function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: Parameters<typeof zodFieldProblems>[0] } }, data: unknown): T {
  if (result.success) return result.data;
  const problems = zodFieldProblems(result.error.issues, data, ['body']);
  throw new AppError('validation_failed', problems[0]!.message, { errors: problems });
}

/**
 * 电脑网络服务咨询平台, the residents' pages (zh-CN, server-rendered, no JavaScript, readable on a phone): the form that
 * asks a community, the receipt with the tracking code and private link, and the private page that shows the answer
 * and takes the rating. They call the same verbs as /v1/public, under the city's tenant.
 */
export const consultationPages = newRouter();
consultationPages.get('/:cityCode/:communityCode/ask', (c) => askPage(c));
consultationPages.post('/:cityCode/:communityCode/ask', async (c) => {
    const form = await formOf(c);
    const data = { category: form['category'] ?? '', text: form['text'] ?? '', ...present(form, ['name', 'phone']) };
    try {
      const input = parsed(consultationSubmission.safeParse(data), data);
      const receipt = await submitConsultation({ ctx: c.var.ctx, input: { ...params(c), ...input, clientAddress: clientAddress(c) } });
      return html(c, <ReceiptPage receipt={receipt} origin={new URL(c.req.url).origin} />, 201);
    } catch (error) {
      const { refusal, status, headers } = refusalOf(error);
      return askPage(c, { form, refusal, status, headers });
    }
});
consultationPages.get('/:cityCode/:communityCode/consultations/:token', (c) => linkPage(c));
consultationPages.post('/:cityCode/:communityCode/consultations/:token', async (c) => {
    const form = await formOf(c);
    const data = { rating: form['rating'] ?? '', ...present(form, ['comment']) };
    try {
      const input = parsed(ratingInput.safeParse(data), data);
      await rateConsultation({ ctx: c.var.ctx, input: { token: c.req.param('token'), ...input } });
      return linkPage(c, { done: true });
    } catch (error) {
      const { refusal, status } = refusalOf(error);
      return linkPage(c, { form, refusal, status });
    }
});
