/** The one progress indicator: shown during every wait for the main process or the network. */
export function Progress({ label }: { label: string }) {
  return (
    <p className="progress" role="status" aria-live="polite" data-testid="progress">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}
