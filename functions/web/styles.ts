/** The style sheet of every page a person sees: the console (functions/console/layout.tsx) and the residents' public pages (functions/api/routes/public-pages.tsx), which the API function serves without the console. */
export const styles = `
:root{--ink:#1f2937;--muted:#6b7280;--line:#d1d5db;--brand:#b91c1c;--brand-dark:#991b1b;--brand-soft:#fef2f2;--brand-ink:#fff;--accent:#b91c1c;--link:#1f4e8c;--ok:#15803d;--warn:#b45309;--bad:#b91c1c;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:15px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
header.top{background:var(--brand);color:var(--brand-ink);padding:10px 20px;display:flex;flex-wrap:wrap;gap:8px 20px;align-items:center;justify-content:space-between}
header.top .brand{font-size:18px;font-weight:700;color:#fff;text-decoration:none}
header.top .who{font-size:13px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}
header.top button{background:transparent;color:#fff;border:1px solid #fff;border-radius:4px;padding:2px 10px;cursor:pointer}
nav.section{display:flex;flex-wrap:wrap;gap:4px 2px;border-bottom:1px solid var(--line);margin:0 0 16px}
nav.section a{padding:6px 12px;text-decoration:none;color:var(--link);border-bottom:2px solid transparent;margin-bottom:-1px}
nav.section a[aria-current=page]{color:var(--ink);font-weight:600;border-bottom-color:var(--brand)}
.shell{display:grid;grid-template-columns:208px minmax(0,1fr);min-height:calc(100vh - 48px)}.shell.bare{display:block}
.menu-toggle{position:absolute;opacity:0;width:1px;height:1px;margin:0}.menu-button{display:none;cursor:pointer;border:1px solid #fff;border-radius:4px;padding:2px 10px;font-size:14px}
.menu-toggle:focus-visible+header .menu-button{outline:3px solid #f59e0b;outline-offset:2px}
nav.sidebar{background:#fff;border-right:1px solid var(--line);padding:8px 0 24px;font-size:14px}
nav.sidebar h2{font-size:12px;color:var(--muted);font-weight:600;margin:14px 16px 4px;letter-spacing:.05em}
nav.sidebar ul{list-style:none;margin:0;padding:0}nav.sidebar ul ul{margin:2px 0 6px}
nav.sidebar a{display:block;padding:7px 16px;color:var(--ink);text-decoration:none;border-left:3px solid transparent}
nav.sidebar ul ul a{padding:5px 16px 5px 32px;color:#374151}
nav.sidebar a:hover{background:#f3f4f6}
nav.sidebar a[aria-current]{color:var(--brand-dark);font-weight:600;background:var(--brand-soft)}
nav.sidebar a[aria-current=page]{border-left-color:var(--brand)}
nav.crumbs ol{list-style:none;margin:0 0 4px;padding:0;display:flex;flex-wrap:wrap;gap:4px;font-size:13px;color:var(--muted)}
nav.crumbs li+li::before{content:'›';margin-right:4px;color:#9ca3af}nav.crumbs a{color:var(--muted)}nav.crumbs [aria-current]{color:var(--ink)}
main{max-width:1200px;width:100%;padding:14px 24px 48px;min-width:0}
h1{font-size:22px;margin:8px 0 16px}h2{font-size:18px;margin:24px 0 10px}h3{font-size:16px;margin:16px 0 8px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:14px 16px;margin:0 0 16px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px}
.stat{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px}.stat b{display:block;font-size:24px}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:6px;margin:0 0 16px}
th a.sort{color:inherit;text-decoration:none}th a.sort:hover,th a.sort:focus{text-decoration:underline}th[aria-sort=ascending],th[aria-sort=descending]{color:var(--brand,#b91c1c)}table.nowrap td,table.nowrap th{white-space:nowrap}.pager{justify-content:flex-end;gap:12px;margin:0 0 16px}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{padding:7px 10px;border-bottom:1px solid #e5e7eb;text-align:left;vertical-align:top}
th{background:#f3f4f6;font-weight:600;white-space:nowrap}tbody th[scope=row]{background:none;white-space:normal;min-width:8em}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
caption{caption-side:top;text-align:left;padding:8px 10px;font-weight:600}
form.stack{display:grid;gap:12px;max-width:640px}form.stack.wide{max-width:none}form.stack.wide>.field,form.stack.wide>fieldset.stack{max-width:640px}
fieldset{border:1px solid var(--line);border-radius:6px;padding:8px 12px;min-width:0}fieldset.candidates .table-wrap{margin:6px 0 8px}
table.entry td{padding:4px 6px}table.entry input,table.entry select{padding:5px 6px;min-width:4.5em}table.entry td.invalid input,table.entry td.invalid select{border-color:var(--bad);background:#fef2f2}table.entry .field-error{display:block}
dl.frozen{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dl.frozen dt{color:var(--muted)}dl.frozen dd{margin:0}
.field{display:grid;gap:4px}.field label{font-weight:600}.field .hint{color:var(--muted);font-size:13px}
input,select,textarea{font:inherit;padding:7px 9px;border:1px solid #9ca3af;border-radius:4px;background:#fff;width:100%;max-width:100%}
input[type=checkbox],input[type=radio]{width:auto}
.field.invalid input,.field.invalid select,.field.invalid textarea{border-color:var(--bad);background:#fef2f2}
.field-error{color:var(--bad);font-size:13px;font-weight:600}
button,.button{font:inherit;background:var(--accent);color:#fff;border:0;border-radius:4px;padding:7px 16px;cursor:pointer;text-decoration:none;display:inline-block}
button:hover,.button:hover{background:var(--brand-dark)}
button.secondary,.button.secondary{background:#fff;color:var(--ink);border:1px solid #9ca3af}button.secondary:hover,.button.secondary:hover{background:#f3f4f6}
button.danger{background:#fff;color:var(--bad);border:1px solid var(--bad)}button.danger:hover{background:var(--brand-soft)}
.actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.alert{border-radius:6px;padding:10px 14px;margin:0 0 16px;border:1px solid}
.alert.error{background:#fef2f2;border-color:#fecaca;color:#7f1d1d}.alert.ok{background:#f0fdf4;border-color:#bbf7d0;color:#14532d}.alert.info{background:#eff6ff;border-color:#bfdbfe}
.tag{display:inline-block;white-space:nowrap;border-radius:10px;padding:0 8px;font-size:12px;background:#e5e7eb}
.tag.ok{background:#dcfce7;color:#14532d}.tag.warn{background:#fef3c7;color:#78350f}.tag.bad{background:#fee2e2;color:#7f1d1d}.tag.info{background:#dbeafe;color:#1e3a8a}
.muted{color:var(--muted)}.chart svg{width:100%;height:auto;display:block}
details.tree{margin-left:16px}details.tree>summary{cursor:pointer;padding:2px 0}
ul.tree{list-style:none;padding-left:16px;margin:4px 0}
progress{width:100%;height:18px}
ul.todo{list-style:none;margin:0 0 16px;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:10px}
.todo-item a{display:grid;grid-template-columns:auto 1fr;grid-template-areas:'n label' 'n go';column-gap:12px;align-items:center;background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;text-decoration:none;color:var(--ink);height:100%}
.todo-item b{grid-area:n;font-size:28px;line-height:1;min-width:1.2em;text-align:center}.todo-item .todo-unit{display:none}
.todo-item .todo-label{grid-area:label;font-weight:600}.todo-item .todo-go{grid-area:go;font-size:13px;color:var(--link)}
.todo-item.due a{border-left:4px solid var(--brand)}.todo-item.due b{color:var(--brand)}.todo-item.clear b,.todo-item.clear .todo-label{color:var(--muted);font-weight:400}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,500px),1fr));gap:16px}.figures>section{min-width:0}
@media (max-width:760px){.shell{display:block}.menu-button{display:inline-block}nav.sidebar{display:none;border-right:0;border-bottom:1px solid var(--line)}
.menu-toggle:checked~.shell nav.sidebar{display:block}main{padding:12px}header.top{padding:8px 12px;justify-content:flex-start}header.top .who{width:100%}h1{font-size:19px}}
`;
