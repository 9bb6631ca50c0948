// The links a status shares: the targets of its <a> elements, without the
// mention and hashtag links Mastodon-style HTML marks with a class.
import { Parser } from "htmlparser2";

/** The http(s) URLs a status's HTML links to (fragments removed, each once). */
export function sharedLinks(html: string): string[] {
  const links = new Set<string>();
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name !== "a" || !attributes.href) return;
      const classes = (attributes.class ?? "").split(/\s+/);
      if (classes.includes("mention") || classes.includes("hashtag") || attributes.rel?.split(/\s+/).includes("tag")) return;
      if (!URL.canParse(attributes.href)) return;
      const url = new URL(attributes.href);
      if (url.protocol !== "https:" && url.protocol !== "http:") return;
      url.hash = "";
      links.add(url.href);
    },
  });
  parser.write(html);
  parser.end();
  return [...links];
}
