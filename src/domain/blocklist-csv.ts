// Blocklists as files: Mastodon's domain block CSV
// (`#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate`,
// as its admin export writes and its import reads) and plain lists of domains.
import type { BlocklistEntry, DomainBlockSeverity } from "../../db/schema/federation-controls.ts";
import { SEVERITIES } from "./domain-blocks.ts";

export const CSV_HEADER = "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate";

/** One CSV line's cells, RFC 4180 quoting. */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const chr = line[i]!;
    if (quoted) {
      if (chr === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (chr === '"') quoted = false;
      else cell += chr;
    } else if (chr === '"') quoted = true;
    else if (chr === ",") out.push(cell), (cell = "");
    else cell += chr;
  }
  out.push(cell);
  return out;
}

/** Splits text into CSV records, keeping newlines inside quotes. */
function records(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let quotes = 0;
  for (const line of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    current = quotes % 2 === 1 ? `${current}\n${line}` : line;
    quotes += (line.match(/"/g) ?? []).length;
    if (quotes % 2 === 0) {
      out.push(current);
      quotes = 0;
    }
  }
  if (quotes % 2 === 1) out.push(current);
  return out.filter((r) => r.trim() !== "");
}

const truthy = (value: string | undefined) => /^(true|1|yes)$/i.test((value ?? "").trim());

export interface ParsedBlocklist {
  entries: BlocklistEntry[];
  /** Lines that could not be read, with their number (1-based) and why. */
  problems: { line: number; message: string }[];
}

/**
 * Reads Mastodon's CSV (a header naming the columns, in any order, with or
 * without `#`) or a plain list (one domain a line, `#` comments): an entry a
 * domain, the last one winning. `normalize` turns a domain into its stored form.
 */
export function parseBlocklist(text: string, normalize: (domain: string) => string | null): ParsedBlocklist {
  const lines = records(text);
  const first = lines[0] ? cells(lines[0]).map((c) => c.trim().replace(/^#/, "").toLowerCase()) : [];
  const csv = first.includes("domain") && lines[0]!.includes(",");
  const columns = csv ? first : ["domain"];
  const problems: ParsedBlocklist["problems"] = [];
  const byDomain = new Map<string, BlocklistEntry>();
  lines.forEach((line, index) => {
    if (csv && index === 0) return;
    if (!csv && line.trim().startsWith("#")) return;
    const row = csv ? cells(line) : [line.replace(/#.*$/, "")];
    const get = (name: string) => {
      const at = columns.indexOf(name);
      return at < 0 ? undefined : row[at];
    };
    const domain = normalize((get("domain") ?? "").trim().replace(/^\*\./, ""));
    if (!domain) return problems.push({ line: index + 1, message: `not a domain: ${(get("domain") ?? "").trim()}` });
    const severity = (get("severity") ?? "suspend").trim() || "suspend";
    if (!SEVERITIES.includes(severity as DomainBlockSeverity)) return problems.push({ line: index + 1, message: `unknown severity: ${severity}` });
    const comment = (get("public_comment") ?? "").trim();
    byDomain.set(domain, {
      domain,
      severity: severity as DomainBlockSeverity,
      reject_media: truthy(get("reject_media")),
      reject_reports: truthy(get("reject_reports")),
      public_comment: comment === "" ? null : comment,
      obfuscate: truthy(get("obfuscate")),
    });
  });
  return { entries: [...byDomain.values()], problems };
}

const quote = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Writes entries as Mastodon's CSV, header first. */
export function formatBlocklist(entries: readonly BlocklistEntry[]): string {
  const lines = entries.map((e) =>
    [e.domain, e.severity, String(e.reject_media), String(e.reject_reports), e.public_comment ?? "", String(e.obfuscate)].map(quote).join(",")
  );
  return [CSV_HEADER, ...lines].join("\n") + "\n";
}
