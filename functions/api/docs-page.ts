type Json = Record<string, any>;

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function schemaText(schema: Json | undefined, components: Json, depth = 0): string {
  if (!schema) return '';
  if (schema.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    return depth > 0 ? name : schemaText(components[name], components, depth + 1);
  }
  if (schema.type === 'object' && schema.properties) {
    const required = new Set<string>(schema.required ?? []);
    const pad = '  '.repeat(depth + 1);
    const fields = Object.entries(schema.properties as Json).map(
      ([k, v]) => `${pad}${k}${required.has(k) ? '' : '?'}: ${schemaText(v as Json, components, depth + 1)}`,
    );
    return `{\n${fields.join('\n')}\n${'  '.repeat(depth)}}`;
  }
  if (schema.type === 'array') return `${schemaText(schema.items, components, depth)}[]`;
  if (schema.enum) return schema.enum.map((e: unknown) => JSON.stringify(e)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map((s: Json) => schemaText(s, components, depth)).join(' | ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  return schema.format ? `${type} (${schema.format})` : type;
}

/** A self-contained API reference rendered from the OpenAPI document: no script, no CDN, readable offline. */
export function renderApiReference(doc: Json): string {
  const components = doc.components?.schemas ?? {};
  const sections: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths ?? {}) as [string, Json][]) {
    for (const [method, op] of Object.entries(ops) as [string, Json][]) {
      const params = (op.parameters ?? []) as Json[];
      const body = op.requestBody?.content ?? {};
      const responses = Object.entries(op.responses ?? {}) as [string, Json][];
      sections.push(`<section id="${esc(op.operationId ?? `${method}-${path}`)}">
<h3><span class="m m-${esc(method)}">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p>${op.description ? `<p class="d">${esc(op.description)}</p>` : ''}
${op.security?.length ? '<p class="auth">需要令牌 Authorization: Bearer &lt;JWT&gt;</p>' : '<p class="auth">公开 public</p>'}
${params.length ? `<table><tr><th>参数</th><th>位置</th><th>类型</th><th>说明</th></tr>${params
        .map((p) => `<tr><td><code>${esc(p.name)}</code>${p.required ? ' *' : ''}</td><td>${esc(p.in)}</td><td>${esc(schemaText(p.schema, components, 1))}</td><td>${esc(p.description ?? p.schema?.description ?? '')}</td></tr>`)
        .join('')}</table>` : ''}
${Object.entries(body).map(([type, c]) => `<p>请求体 <code>${esc(type)}</code></p><pre>${esc(schemaText((c as Json).schema, components))}</pre>`).join('')}
<details><summary>响应 responses: ${responses.map(([s]) => esc(s)).join(' · ')}</summary>
${responses.map(([status, r]) => `<p><b>${esc(status)}</b> ${esc(r.description)}</p>${Object.entries(r.content ?? {}).map(([type, c]) => `<p><code>${esc(type)}</code></p><pre>${esc(schemaText((c as Json).schema, components))}</pre>`).join('')}`).join('')}
</details></section>`);
    }
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info?.title)} · API</title>
<style>body{font:15px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.6rem}section{border-top:1px solid #d0d7de;padding:.5rem 0}h3{font-size:1.05rem;margin:.6rem 0}
.m{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:1px 6px}
.m-get{background:#1a7f37}.m-post{background:#0969da}.m-patch{background:#9a6700}.m-delete{background:#cf222e}.m-put{background:#8250df}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:.85rem}table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #d0d7de;padding:2px 8px;text-align:left}
.auth{color:#57606a;font-size:.85rem}.d{color:#57606a}</style></head>
<body><h1>${esc(doc.info?.title)} <small>${esc(doc.info?.version)}</small></h1><p>${esc(doc.info?.description)}</p>
<p>机器可读的文档 Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${esc(doc.openapi)})</p>
${sections.join('\n')}</body></html>`;
}
