import { DatePicker, Flex, Segmented } from 'antd';
import { periodKind, type PeriodKind } from '@crm/shared';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { zoneYear } from '../lib/zone-time.ts';

/** The period key of a day: 2026-10 / 2026-Q4 / 2026. */
export function periodOf(day: Dayjs, kind: PeriodKind): string {
  if (kind === 'year') return day.format('YYYY');
  if (kind === 'quarter') return `${day.year()}-Q${Math.floor(day.month() / 3) + 1}`;
  return day.format('YYYY-MM');
}

/** The first day of a period key, for the date picker. */
export function periodStart(period: string): Dayjs {
  const year = Number(period.slice(0, 4));
  const quarter = /Q([1-4])$/.exec(period);
  if (quarter) return dayjs(new Date(year, (Number(quarter[1]) - 1) * 3, 1));
  if (period.length === 4) return dayjs(new Date(year, 0, 1));
  return dayjs(new Date(year, Number(period.slice(5, 7)) - 1, 1));
}

/** A period key as people read it: 2026年10月 / 2026年第3季度 / 2026年 (or Oct 2026, Q3 2026 in English). */
export function periodLabel(period: string, t: TFunction): string {
  const year = period.slice(0, 4);
  const quarter = /Q([1-4])$/.exec(period);
  if (quarter) return t('performance.period.quarter', { year, quarter: quarter[1] });
  if (period.length === 4) return t('performance.period.year', { year });
  return t('performance.period.month', { year, month: Number(period.slice(5, 7)), mm: period.slice(5, 7) });
}

type Props = {
  value: string;
  onChange: (period: string) => void;
  /** Which kinds may be chosen; with one kind the switch is hidden. */
  kinds?: PeriodKind[];
  testId?: string;
};

/**
 * Picks a month, a quarter or a year and hands back its key (2026-10, 2026-Q3, 2026), the form the API takes.
 * Switching the kind keeps the same moment: October 2026 becomes Q4 2026, then 2026.
 */
export function PeriodPicker({ value, onChange, kinds = ['month', 'quarter', 'year'], testId = 'period' }: Props) {
  const { t } = useTranslation();
  const kind = periodKind(value);
  const start = periodStart(value);
  return (
    <Flex gap={8} align="center" wrap>
      {kinds.length > 1 ? (
        <Segmented<PeriodKind>
          value={kind}
          onChange={(next) => onChange(periodOf(start, next))}
          options={kinds.map((k) => ({ value: k, label: t(`performance.period.kind.${k}`) }))}
          data-testid={`${testId}-kind`}
        />
      ) : null}
      <DatePicker
        picker={kind}
        value={start}
        allowClear={false}
        format={(day) => periodLabel(periodOf(day, kind), t)}
        onChange={(day) => {
          if (day) onChange(periodOf(day, kind));
        }}
        disabledDate={(day) => day.year() > zoneYear()}
        style={{ width: 150 }}
        data-testid={testId}
      />
    </Flex>
  );
}
