import { z } from '@hono/zod-openapi';
import { divisionCode } from '../patterns.js';
import { todoKinds } from './rules.js';

export const todoQuery = z.object({
  unit: divisionCode
    .optional()
    .openapi({ description: 'a city’s unit: mine (default) or one below it. The province has no unit to choose.', example: '440103001' }),
});
export type TodoInput = z.infer<typeof todoQuery>;

export const todoItem = z
  .object({
    kind: z.enum(todoKinds),
    count: z.number().int().min(0),
    label: z.string().openapi({ example: '已计票待认证的选举' }),
  })
  .openapi('TodoItem');

const unitFigures = z.object({ code: z.string(), name: z.string() });

export const todoView = z
  .object({
    asOf: z.string().openapi({ example: '2026-11-25', description: 'the day counted (Asia/Shanghai)' }),
    unit: z
      .object({ code: z.string(), name: z.string(), level: z.string().nullable(), kind: z.string().nullable() })
      .openapi({ description: 'the unit counted: the division (or city, or province) by name' }),
    items: z.array(todoItem).openapi({ description: 'every kind the caller’s role acts on, also those at 0' }),
    training: z
      .array(unitFigures.extend({ members: z.number().int(), trainedOnTime: z.number().int(), trainedLate: z.number().int(), pending: z.number().int(), overdue: z.number().int() }))
      .openapi({ description: 'per unit directly below: members due for training (一年内轮训一遍) and how far they are' }),
    vacancies: z
      .array(unitFigures.extend({ committees: z.number().int(), seats: z.number().int(), serving: z.number().int(), open: z.number().int() }))
      .openapi({ description: 'per unit directly below: committees with a current term, seats of those terms, members serving today, open seats' }),
  })
  .openapi('Todo');
export type TodoView = z.infer<typeof todoView>;
