import { Select } from '@fluentui/react-components';

/** Every half hour of the day, "00:00" to "23:30". */
const HALF_HOURS = Array.from(
  { length: 48 },
  (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
);

/**
 * A time of day as the tables write it (24 hours, "08:00"). A native time input would follow the
 * browser's region instead ("09:00 AM" in an American browser) and differ from the table next to it.
 */
export function TimeSelect(props: { value: string; onChange: (value: string) => void; testId: string }) {
  const options = HALF_HOURS.includes(props.value) ? HALF_HOURS : [...HALF_HOURS, props.value].sort();
  return (
    <Select value={props.value} onChange={(_, v) => props.onChange(v.value)} data-testid={props.testId}>
      {options.map((h) => (
        <option key={h} value={h}>
          {h}
        </option>
      ))}
    </Select>
  );
}
