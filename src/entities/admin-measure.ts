// Mastodon's Admin::Measure and Admin::Dimension entities.
import type { DimensionData, MeasureData } from "../services/reports/admin-metrics.ts";
import { isoTime } from "./context.ts";

/** Serializes a measure; figures are strings, as Mastodon sends them. */
export function serializeMeasure(m: MeasureData) {
  return {
    key: m.key,
    unit: m.unit,
    total: String(m.total),
    human_value: m.unit === "seconds" ? `${m.total} s` : null,
    previous_total: String(m.previousTotal),
    data: m.days.map((d) => ({ date: isoTime(d.date), value: String(d.value) })),
  };
}

/** Serializes a dimension. */
export function serializeDimension(d: DimensionData) {
  return {
    key: d.key,
    data: d.data.map((item) => ({ key: item.key, human_key: item.humanKey, value: item.value, ...(item.unit ? { unit: item.unit } : {}) })),
  };
}
