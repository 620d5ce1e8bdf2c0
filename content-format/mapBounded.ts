/**
 * `map` with at most `limit` calls in flight; results keep the order of `inputs`. After a failure
 * no new call starts (a failed sync round must not keep downloading behind its caller's back), and
 * the first error rejects once the calls already running have settled.
 */
export async function mapBounded<T, R>(
  inputs: readonly T[],
  limit: number,
  map: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (!failure && next < inputs.length) {
      const index = next++;
      try {
        results[index] = await map(inputs[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(0, Math.min(limit, inputs.length)) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}
