/**
 * Runs `work` while a 10 ms timer ticks and `probe` (e.g. GET /health) is sent every 50 ms, and reports the longest the
 * event loop went without running the timer and the slowest probe: what another tenant's request would have waited.
 */
export async function measureStall<T>(work: () => Promise<T>, probe?: () => Promise<unknown>): Promise<{ result: T; elapsedMs: number; maxTimerGapMs: number; slowestProbeMs: number; probes: number }> {
  let last = performance.now();
  let maxTimerGapMs = 0;
  const timer = setInterval(() => {
    const at = performance.now();
    maxTimerGapMs = Math.max(maxTimerGapMs, at - last);
    last = at;
  }, 10);
  let slowestProbeMs = 0;
  let probes = 0;
  let running = true;
  const probing = (async () => {
    while (probe && running) {
      const sent = performance.now();
      await probe();
      probes++;
      slowestProbeMs = Math.max(slowestProbeMs, performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  try {
    const result = await work();
    return { result, elapsedMs: performance.now() - started, maxTimerGapMs: Math.max(maxTimerGapMs, performance.now() - last), slowestProbeMs, probes };
  } finally {
    running = false;
    clearInterval(timer);
    await probing;
  }
}
