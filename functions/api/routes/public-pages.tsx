import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import { AppError } from '../../../shared/errors.js';
import { publicCommunityPage, publicPageParams, type PublicCommunityPage } from '../../../shared/public/schemas.js';
import { readPublicCommunity } from '../../../shared/public/service.js';
import { styles } from '../../web/styles.js';
import type { ApiEnv } from '../env.js';
import { problemResponses } from '../problems.js';
import { newRouter, noToken, operation } from '../router.js';
import { tagged } from '../tags.js';

const tags = tagged('publicPages');
/** Short: a CDN in front of /p/* (infra) and browsers keep a page a minute, then revalidate with its ETag. */
export const publicCacheControl = 'public, max-age=60';
const cacheHeaders = { 'Cache-Control': { schema: { type: 'string' as const }, description: publicCacheControl }, ETag: { schema: { type: 'string' as const }, description: 'strong, over the body' } };
const notModified = { description: 'unchanged since the ETag given in If-None-Match', headers: cacheHeaders };

/** A strong ETag over the exact body, and 304 when the client already holds it. */
function cacheable(c: Context<ApiEnv>, body: string, contentType: string, status: 200 | 404 = 200): Response {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  const headers = { 'content-type': contentType, 'cache-control': publicCacheControl, etag, 'content-security-policy': pageCsp };
  const held = (c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim());
  if (status === 200 && (held.includes(etag) || held.includes('*'))) return new Response(null, { status: 304, headers });
  return new Response(body, { status, headers });
}

/** 居务公开, as data: the same facts the page shows. */
export const publicDataRoutes = newRouter().openapi(
  operation({ readPublicCommunity }, {
    method: 'get', path: '/cities/{cityCode}/communities/{communityCode}', tags, security: noToken,
    summary: '居务公开（数据） A community’s public page as JSON, without sign-in',
    description: 'Only a community its city has marked publishable (PUT /v1/communities/{code}/publication); any other, another city’s code, or any community of a deactivated city answers 404. Cacheable: strong ETag, `Cache-Control: public, max-age=60`, 304 on If-None-Match.',
    request: { params: publicPageParams },
    responses: { 200: { description: 'the public facts', headers: cacheHeaders, content: { 'application/json': { schema: publicCommunityPage } } }, 304: notModified, ...problemResponses(400, 404) },
  }),
  async (c) => cacheable(c, JSON.stringify(await readPublicCommunity({ ctx: c.var.ctx, input: c.req.valid('param') })), 'application/json; charset=utf-8') as never,
);

/** 居务公开, as a page: server-rendered, no script, readable on a phone. */
export const publicPageRoutes = newRouter().openapi(
  operation({ readPublicCommunity }, {
    method: 'get', path: '/{cityCode}/{communityCode}', tags, security: noToken, operationId: 'renderPublicCommunityPage',
    summary: '居务公开（页面） A community’s public page, server-rendered in Chinese, without sign-in',
    description: 'The page of GET /v1/public/cities/{cityCode}/communities/{communityCode}. A browser (Accept: text/html) is told 404 in a page; any other client gets the problem.',
    request: { params: publicPageParams },
    responses: { 200: { description: 'the page', headers: cacheHeaders, content: { 'text/html': { schema: z.string() } } }, 304: notModified, ...problemResponses(400, 404) },
  }),
  async (c) => {
    const input = c.req.valid('param');
    try {
      const page = await readPublicCommunity({ ctx: c.var.ctx, input });
      return cacheable(c, await document(`${page.community.name} · 居务公开`, <CommunityPage page={page} />), 'text/html; charset=utf-8') as never;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not_found' || !(c.req.header('accept') ?? '').includes('text/html')) throw error;
      return cacheable(c, await document('未找到页面', <NotFound text={error.reason.text('zh')} />), 'text/html; charset=utf-8', 404) as never;
    }
  },
);

const pageStyles = `${styles}
.public main{max-width:960px;margin:0 auto}.public header.top{justify-content:flex-start}
.public dl.frozen{grid-template-columns:max-content minmax(0,1fr)}
.public .ask{border-left:4px solid var(--brand)}
@media (max-width:760px){.public dl.frozen{grid-template-columns:1fr}.public dl.frozen dd{margin:0 0 6px}}`;
/** The page carries its style inline and no script: the policy allows that one style sheet and nothing else. */
const pageCsp = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(pageStyles).digest('base64')}'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;

async function document(title: string, body: ReturnType<FC>): Promise<string> {
  const page = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>{raw(pageStyles)}</style>
      </head>
      <body class="public">
        <header class="top">
          <span class="brand">居务公开</span>
        </header>
        <main id="content">{body}</main>
      </body>
    </html>
  );
  return `<!doctype html>${await page.toString()}`;
}

const NotFound: FC<{ text: string }> = ({ text }) => (
  <>
    <h1>未找到页面</h1>
    <div class="alert error" role="alert">{text}</div>
  </>
);

/** 2026-12-15T09:30:00+08:00 → 2026-12-15 09:30: Beijing time, as the page says. */
const wallTime = (local: string) => local.slice(0, 16).replace('T', ' ');

const none = <span class="muted">未公开</span>;
const orNone = (value: string | null) => value ?? none;

const CommunityPage: FC<{ page: PublicCommunityPage }> = ({ page }) => {
  const { community, committee, election, conferences } = page;
  const base = `/p/${page.city.code}/${community.code}`;
  return (
    <>
      <p class="muted">{[page.city.name, community.streetName].filter(Boolean).join(' · ')}</p>
      <h1>{community.name}</h1>
      <section class="card" aria-labelledby="committee">
        <h2 id="committee">社区居民委员会</h2>
        <dl class="frozen">
          <dt>名称</dt><dd>{orNone(committee.name)}</dd>
          <dt>社区类型</dt><dd>{orNone(community.typeLabel)}</dd>
          <dt>办公地址</dt><dd>{orNone(committee.officeAddress)}</dd>
          <dt>服务热线</dt><dd>{committee.serviceHotline ? <a href={`tel:${committee.serviceHotline}`}>{committee.serviceHotline}</a> : none}</dd>
        </dl>
      </section>

      {/* 居民咨询: the consultation form (issue #21 §2) lives at {base}/ask; the integrator wires this link to it. */}
      <section class="card ask" aria-labelledby="ask" data-slot="consultations">
        <h2 id="ask">向社区咨询</h2>
        <p>有事想问社区居委会？<a href={`${base}/ask`}>在线咨询或提出服务需求</a></p>
      </section>

      <h2 id="members">居委会成员</h2>
      {page.members.length ? (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">姓名</th><th scope="col">职务</th></tr></thead>
            <tbody>{page.members.map((m) => <tr><td>{m.name}</td><td>{m.positionLabel}</td></tr>)}</tbody>
          </table>
        </div>
      ) : <p class="muted">暂无公开的成员信息。</p>}

      <h2 id="systems">三项制度</h2>
      <ul>
        {page.systems.map((s) => (
          <li>{s.label}：{s.adopted ? <span class="tag ok">已建立（{s.adoptedOn}）</span> : <span class="tag warn">尚未建立</span>}</li>
        ))}
      </ul>

      <h2 id="election">选举结果公告</h2>
      {election ? (
        <section class="card">
          <dl class="frozen">
            <dt>选举日期</dt><dd>{election.electionDate}</dd>
            <dt>选举方式</dt><dd>{election.modeLabel}</dd>
            <dt>结果认证日期</dt><dd>{election.certifiedOn}</dd>
          </dl>
          {election.rounds.map((r) => (
            <>
              <h3>{election.rounds.length > 1 ? `第 ${r.round} 轮（${r.heldOn}）` : `投票日 ${r.heldOn}`}</h3>
              <dl class="frozen">
                <dt>登记选民</dt><dd>{r.registeredVoters} 人</dd>
                <dt>发出选票</dt><dd>{r.ballotsIssued} 张</dd>
                <dt>收回选票</dt><dd>{r.ballotsReturned} 张</dd>
                <dt>有效票</dt><dd>{r.validBallots} 张</dd>
                <dt>无效票</dt><dd>{r.invalidBallots} 张</dd>
              </dl>
              {r.elected.length ? (
                <div class="table-wrap">
                  <table>
                    <caption>当选人员及得票</caption>
                    <thead><tr><th scope="col">姓名</th><th scope="col">职务</th><th scope="col" class="num">得票</th></tr></thead>
                    <tbody>{r.elected.map((e) => <tr><td>{e.name}</td><td>{e.positionLabel}</td><td class="num">{e.votes}</td></tr>)}</tbody>
                  </table>
                </div>
              ) : <p class="muted">本轮无人当选。</p>}
            </>
          ))}
        </section>
      ) : <p class="muted">暂无经认证的选举结果。</p>}

      <h2 id="conferences">联席会议</h2>
      <h3>近期会议</h3>
      {conferences.upcoming.length ? (
        <ul>{conferences.upcoming.map((o) => <li>{wallTime(o.startsAtLocal)} {o.title}（{o.venue}）</li>)}</ul>
      ) : <p class="muted">近期没有安排会议。</p>}
      <h3>公开的议定事项</h3>
      {conferences.resolutions.length ? (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">事项</th><th scope="col">承办单位</th><th scope="col">期限</th><th scope="col">状态</th></tr></thead>
            <tbody>
              {conferences.resolutions.map((r) => (
                <tr><td>{r.title}</td><td>{orNone(r.ownerName)}</td><td>{r.dueDate}</td><td><span class={`tag ${r.status === 'closed' ? 'ok' : r.overdue ? 'bad' : 'info'}`}>{r.statusLabel}</span></td></tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p class="muted">暂无公开的议定事项。</p>}

      <h2 id="facilities">服务设施</h2>
      {page.facilities.length ? (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">名称</th><th scope="col">类别</th><th scope="col">地址</th><th scope="col">开放时间</th></tr></thead>
            <tbody>{page.facilities.map((f) => <tr><td>{f.name}</td><td>{f.kindLabel}</td><td>{orNone(f.address)}</td><td>{orNone(f.openingHours)}</td></tr>)}</tbody>
          </table>
        </div>
      ) : <p class="muted">暂无登记的服务设施。</p>}
      <h2 id="decisions">居民会议决定</h2>
      {page.decisions.length ? (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">会议日期</th><th scope="col">议定事项</th><th scope="col" class="num">赞成</th><th scope="col" class="num">反对</th><th scope="col" class="num">弃权</th></tr></thead>
            <tbody>{page.decisions.map((d) => <tr><td>{d.heldOn}</td><td>{d.matter}</td><td class="num">{d.votesFor}</td><td class="num">{d.votesAgainst}</td><td class="num">{d.abstentions}</td></tr>)}</tbody>
          </table>
        </div>
      ) : <p class="muted">暂无公开的居民会议决定。</p>}
    </>
  );
};
