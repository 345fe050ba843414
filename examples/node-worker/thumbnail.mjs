// The example's own job type, "thumbnail": the size of an image's thumbnail (aspect ratio kept, longest side at most
// maxSide). Payload {"src", "width", "height", "maxSide"?, "ms"?}; `ms` stands in for the real work (fetching and
// scaling the image) and waits that long, stopping early when the run is aborted (lease lost, timeout, cancel).

/** A failure that retrying cannot fix: the worker fails the job with retryable: false (it ends FAILED). */
export class PermanentError extends Error {}

export async function thumbnail(payload, { signal }) {
  const { src, width, height } = payload ?? {};
  const maxSide = payload?.maxSide ?? 128;
  if (typeof src !== 'string' || src.length === 0) throw new PermanentError('payload.src must name the image');
  if (!(width > 0) || !(height > 0)) throw new PermanentError('payload.width and payload.height must be > 0');
  if (payload.ms > 0) await wait(payload.ms, signal);
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { src, width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
  });
}
