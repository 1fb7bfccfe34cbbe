/** Drizzle wraps driver errors as "Failed query: …" with the database's message in `cause`. */
export async function databaseError(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ''} | ${e.cause?.message ?? ''}`;
  }
  throw new Error('expected the database to refuse, but it did not');
}
