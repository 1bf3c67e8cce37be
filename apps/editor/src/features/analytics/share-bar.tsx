/** A horizontal bar for a share 0..1 beside its written value; decorative, the number carries the meaning. */
export function ShareBar({ share, max = 1 }: { share: number; max?: number }) {
  const width = max > 0 ? Math.max(0, Math.min(100, (share / max) * 100)) : 0;
  return (
    <span className="share-bar" aria-hidden="true">
      <span className="share-bar__fill" style={{ width: `${width}%` }} />
    </span>
  );
}
