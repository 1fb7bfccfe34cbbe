import type { FC } from 'hono/jsx';
import { todoKindLabels, type TodoKind } from '../../shared/todo/rules.js';
import type { TodoView } from '../../shared/todo/schemas.js';
import { num } from './layout.js';

/** Where each kind of 待办 is acted on: the page, filtered to the rows concerned where the page can filter. */
export const todoLinks: Record<TodoKind, string> = {
  plans_awaiting_approval: '/console/plans?status=submitted',
  elections_to_certify: '/console/elections?status=counted',
  training_overdue: '/console/training',
  invitations_unanswered: '/console/conferences',
  resolutions_overdue: '/console/conferences',
  committee_vacancies: '/console/divisions',
  reports_due: '/console/reports',
  reports_returned: '/console/reports',
  reports_to_review: '/console/province/reports',
  reports_overdue: '/console/province',
  spot_check_findings: '/console/province/reform/spot-checks',
};

/** The to-do list: what waits first (largest counts on top), then what is clear, each with its count and a link. */
export const TodoList: FC<{ todo: TodoView }> = ({ todo }) => {
  const waiting = todo.items.filter((i) => i.count > 0).sort((a, b) => b.count - a.count);
  const clear = todo.items.filter((i) => i.count === 0);
  return (
    <section aria-labelledby="h-todo">
      <h2 id="h-todo">
        待办事项 <span class="muted" style="font-size:13px;font-weight:400">截至 {todo.asOf}</span>
      </h2>
      {waiting.length === 0 ? <p class="card">当前没有待办事项。</p> : null}
      <ul class="todo">
        {waiting.map((i) => (
          <li class="todo-item due">
            <a href={todoLinks[i.kind]}>
              <b>{num(i.count)}</b>
              <span class="todo-unit">{todoKindLabels[i.kind].unit}</span>
              <span class="todo-label">{todoKindLabels[i.kind].label}</span>
              <span class="todo-go">去处理 ›</span>
            </a>
          </li>
        ))}
        {clear.map((i) => (
          <li class="todo-item clear">
            <a href={todoLinks[i.kind]}>
              <b>0</b>
              <span class="todo-unit">{todoKindLabels[i.kind].unit}</span>
              <span class="todo-label">{todoKindLabels[i.kind].label}</span>
              <span class="todo-go">查看 ›</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
};
