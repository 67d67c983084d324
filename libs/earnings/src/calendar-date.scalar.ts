import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { calendarDateOf } from './calendar-period';

function parsed(value: unknown): string {
  const date = typeof value === 'string' ? calendarDateOf(value) : null;
  if (!date) throw new GraphQLError('A Date is a day of the calendar written YYYY-MM-DD, e.g. "2026-03-31".');
  return date;
}

/** A day, not an instant: `from` and `to` of a period are whole days of the Paris calendar. */
export const CalendarDate = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A day of the calendar, written YYYY-MM-DD; a period of days is one of the Paris calendar (Europe/Paris).',
  serialize: (value) => String(value),
  parseValue: parsed,
  parseLiteral: (ast) => parsed(ast.kind === Kind.STRING ? ast.value : null),
});
