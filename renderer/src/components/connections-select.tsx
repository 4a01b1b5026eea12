const CHOICES = ['auto', '1', '2', '4', '8', '16'] as const;

/** Connections per download: automatic, or a fixed count. */
export function ConnectionsSelect({ label, value, onChange }: { label: string; value: number | 'auto'; onChange: (value: number | 'auto') => void }) {
  return (
    <label>
      {label}
      <select
        aria-label={label}
        value={String(value)}
        onChange={(event) => {
          onChange(event.target.value === 'auto' ? 'auto' : Number(event.target.value));
        }}
      >
        {CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {choice === 'auto' ? 'Automatic' : choice}
          </option>
        ))}
      </select>
    </label>
  );
}
