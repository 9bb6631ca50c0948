import { describe, expect, it } from "vitest";
import { extractHashtags, extractMentionHandles, renderStatusText } from "./status-text.ts";

describe("status text", () => {
  it("finds local and remote mentions, with ports", () => {
    expect(extractMentionHandles("hi @Bob and @carol@b.parley.test:8443, mail me at x@y.z")).toEqual(["bob", "carol@b.parley.test:8443"]);
  });

  it("renders mentions, hashtags, links and escapes the rest", () => {
    const mentions = new Map([["bob", { id: "1", username: "bob", url: "https://a.example/@bob" }]]);
    const out = renderStatusText("Hello @bob <b>#Parley</b>\nsee https://example.com/x.\n\nbye @nobody", mentions, (t) => `https://a.example/tags/${t}`);
    expect(out.html).toBe(
      '<p>Hello <span class="h-card"><a href="https://a.example/@bob" class="u-url mention">@<span>bob</span></a></span> &lt;b&gt;' +
        '<a href="https://a.example/tags/Parley" class="mention hashtag" rel="tag">#<span>Parley</span></a>&lt;/b&gt;<br>' +
        'see <a href="https://example.com/x" target="_blank" rel="nofollow noopener noreferrer">https://example.com/x</a>.</p><p>bye @nobody</p>',
    );
    expect(out.mentionedIds).toEqual(["1"]);
    expect(out.tags).toEqual(["Parley"]);
  });

  it("deduplicates hashtags case-insensitively and ignores URL fragments", () => {
    expect(extractHashtags("#Cats #cats https://x.example/#anchor #dogs_2")).toEqual(["Cats", "dogs_2"]);
  });
});
