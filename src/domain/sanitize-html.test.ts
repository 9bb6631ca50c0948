import { describe, expect, it } from "vitest";
import { htmlToPlainText, sanitizeHtml } from "./sanitize-html.ts";

describe("sanitizeHtml", () => {
  it("drops script and style elements with their content", () => {
    expect(sanitizeHtml("<p>hi<script>alert(1)</script><style>p{color:red}</style></p>")).toBe("<p>hi</p>");
    expect(sanitizeHtml("<p>unclosed<script>alert(1)")).toBe("<p>unclosed</p>");
    expect(sanitizeHtml("<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok")).toBe("ok");
  });

  it("drops svg, math, iframes, forms and objects with their content", () => {
    expect(sanitizeHtml("<svg onload=alert(1)><script>alert(1)</script><text>t</text></svg>after")).toBe("after");
    expect(sanitizeHtml('<iframe src="https://evil.example"><p>inner</p></iframe>after')).toBe("after");
    expect(sanitizeHtml('<iframe srcdoc="<script>alert(1)</script>">after')).toBe("");
    expect(sanitizeHtml('<form action="https://evil.example"><input name=a><button>Go</button>label</form>after')).toBe("after");
    expect(sanitizeHtml('<object data="x.swf"><embed src="x.swf">fallback</object>after')).toBe("after");
    expect(sanitizeHtml("<math><mi>x</mi></math>after")).toBe("after");
  });

  it("removes event handlers, style and every other attribute not allowed", () => {
    expect(sanitizeHtml('<p style="color:red" onmouseover="alert(1)" id="x" data-x="1">a</p>')).toBe("<p>a</p>");
    expect(sanitizeHtml('<span class="h-card" onclick="alert(1)" style="x">a</span>')).toBe('<span class="h-card">a</span>');
    expect(sanitizeHtml('<img src="x" onerror="alert(1)">text')).toBe("text");
  });

  it("turns links with javascript:, data:, vbscript: or relative URLs into their text", () => {
    expect(sanitizeHtml('<a href="javascript:alert(1)">x</a>')).toBe("x");
    expect(sanitizeHtml('<a href="JaVaScRiPt:alert(1)">x</a>')).toBe("x");
    expect(sanitizeHtml('<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>')).toBe("x");
    expect(sanitizeHtml('<a href="vbscript:msgbox(1)">x</a>')).toBe("x");
    expect(sanitizeHtml('<a href="/relative">x</a>')).toBe("x");
    expect(sanitizeHtml('<a href="//evil.example/">x</a>')).toBe("x");
    expect(sanitizeHtml("<a>x</a>")).toBe("x");
  });

  it("sees through entity- and whitespace-obfuscated schemes", () => {
    expect(sanitizeHtml('<a href="jav&#x09;ascript:alert(1)">x</a>')).toBe("x");
    expect(sanitizeHtml('<a href="jav&#x0A;ascript:alert(1)">x</a>')).toBe("x");
    expect(sanitizeHtml('<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>')).toBe("x");
    expect(sanitizeHtml('<a href=" &#x01;javascript:alert(1)">x</a>')).toBe("x");
    expect(sanitizeHtml('<a href="javascript&colon;alert(1)">x</a>')).toBe("x");
  });

  it("keeps http, https and mailto links, forcing rel and target", () => {
    expect(sanitizeHtml('<a href="https://example.com/" rel="me" target="_self">x</a>'))
      .toBe('<a href="https://example.com/" rel="nofollow noopener noreferrer" target="_blank">x</a>');
    expect(sanitizeHtml('<a href="mailto:a@example.com">mail</a>'))
      .toBe('<a href="mailto:a@example.com" rel="nofollow noopener noreferrer" target="_blank">mail</a>');
    expect(sanitizeHtml('<a href=" https://example.com/a ">x</a>'))
      .toBe('<a href="https://example.com/a" rel="nofollow noopener noreferrer" target="_blank">x</a>');
  });

  it("keeps only the classes clients use, and the lang attribute", () => {
    expect(sanitizeHtml('<p lang="de" dir="rtl">Hallo</p>')).toBe('<p lang="de">Hallo</p>');
    expect(sanitizeHtml('<a href="https://e.example/" class="mention hashtag u-url evil">x</a>'))
      .toBe('<a href="https://e.example/" class="mention hashtag u-url" rel="nofollow noopener noreferrer" target="_blank">x</a>');
    expect(sanitizeHtml('<span class="invisible ellipsis quote-inline status-link">a</span>'))
      .toBe('<span class="invisible ellipsis quote-inline">a</span>');
    expect(sanitizeHtml('<span class="">a</span><p class="x">b</p>')).toBe("<span>a</span><p>b</p>");
  });

  it("turns headings into bold paragraphs, as Mastodon does", () => {
    expect(sanitizeHtml('<h1 class="x">Title</h1><h3>Sub</h3>')).toBe("<p><strong>Title</strong></p><p><strong>Sub</strong></p>");
  });

  it("keeps the formatting elements and unwraps unknown ones", () => {
    const html = "<p><b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><s>s</s><del>d</del><code>c</code><br></p>" +
      '<pre>x</pre><blockquote>q</blockquote><ol start="3" reversed><li value="3">a</li></ol><ul><li>b</li></ul>';
    expect(sanitizeHtml(html)).toBe(
      "<p><b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><s>s</s><del>d</del><code>c</code><br /></p>" +
        '<pre>x</pre><blockquote>q</blockquote><ol start="3" reversed><li value="3">a</li></ol><ul><li>b</li></ul>',
    );
    expect(sanitizeHtml("<div><table><tr><td>cell</td></tr></table></div>")).toBe("cell");
  });

  it("repairs malformed and unclosed markup", () => {
    expect(sanitizeHtml("<p>unclosed <b>bold")).toBe("<p>unclosed <b>bold</b></p>");
    expect(sanitizeHtml("<p>a</b></i>b</p>")).toBe("<p>ab</p>");
    expect(sanitizeHtml("a < b & c > d")).toBe("a &lt; b &amp; c &gt; d");
    expect(sanitizeHtml('<a href="https://e.example/"<script>alert(1)</script>x</a>')).not.toContain("<script");
    expect(sanitizeHtml("<<script>script>alert(1)<</script>/script>")).not.toContain("<script");
    expect(sanitizeHtml("<!-- <script>alert(1)</script> -->ok")).toBe("ok");
  });

  it("does not let nested tricks through", () => {
    const tricky = [
      '<a href="https://ok.example/"><svg><a href="javascript:alert(1)">x</a></svg></a>',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
      "<textarea><script>alert(1)</script></textarea>",
      '<p><a href="java\nscript:alert(1)">x</a></p>',
      '<span class="h-card"><a href="data:image/svg+xml;base64,PHN2Zz4=">x</a></span>',
    ];
    for (const html of tricky) {
      const out = sanitizeHtml(html);
      expect(out).not.toMatch(/<script|<svg|<img|javascript:|data:|onerror/i);
    }
  });

  it("preserves Mastodon content: mentions in h-cards, hashtags, shortened links", () => {
    const mastodon = '<p><span class="h-card" translate="no"><a href="https://mastodon.social/@Gargron" class="u-url mention">@<span>Gargron</span></a></span> hi ' +
      '<a href="https://mastodon.social/tags/fediverse" class="mention hashtag" rel="tag">#<span>fediverse</span></a> ' +
      '<a href="https://joinmastodon.org/apps" target="_blank" rel="nofollow noopener noreferrer"><span class="invisible">https://</span><span class="ellipsis">joinmastodon.org/ap</span><span class="invisible">ps</span></a></p>';
    expect(sanitizeHtml(mastodon)).toBe(
      '<p><span class="h-card"><a href="https://mastodon.social/@Gargron" class="u-url mention" rel="nofollow noopener noreferrer" target="_blank">@<span>Gargron</span></a></span> hi ' +
        '<a href="https://mastodon.social/tags/fediverse" class="mention hashtag" rel="nofollow noopener noreferrer" target="_blank">#<span>fediverse</span></a> ' +
        '<a href="https://joinmastodon.org/apps" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">https://</span><span class="ellipsis">joinmastodon.org/ap</span><span class="invisible">ps</span></a></p>',
    );
  });

  it("preserves Misskey and Pleroma content", () => {
    const misskey = '<p><a href="https://marchgenso.me/users/march" class="mention">@march@marchgenso.me</a><span> How are you?<br></span></p>';
    expect(sanitizeHtml(misskey)).toBe(
      '<p><a href="https://marchgenso.me/users/march" class="mention" rel="nofollow noopener noreferrer" target="_blank">@march@marchgenso.me</a><span> How are you?<br /></span></p>',
    );
    const pleroma = '<span class="h-card"><a class="u-url mention" data-user="9s8j4AHGt3ED0P0b6e" href="https://pleroma.example/users/a" rel="ugc">@<span>a</span></a></span> hello :blobcat:';
    expect(sanitizeHtml(pleroma)).toBe(
      '<span class="h-card"><a href="https://pleroma.example/users/a" class="u-url mention" rel="nofollow noopener noreferrer" target="_blank">@<span>a</span></a></span> hello :blobcat:',
    );
  });
});

describe("htmlToPlainText", () => {
  it("removes tags and decodes entities", () => {
    expect(htmlToPlainText("<b>Jakob</b> &amp; :friendica: &lt;3")).toBe("Jakob & :friendica: <3");
    expect(htmlToPlainText("plain name")).toBe("plain name");
  });

  it("keeps paragraphs, line breaks and list items as newlines", () => {
    expect(htmlToPlainText("<p>one</p><p>two<br>three</p>")).toBe("one\n\ntwo\nthree");
    expect(htmlToPlainText("<ul><li>a</li><li>b</li></ul>")).toBe("a\nb");
    expect(htmlToPlainText("a<br><br>b")).toBe("a\n\nb");
  });

  it("collapses source whitespace except in pre", () => {
    expect(htmlToPlainText("<p>a\n   b</p>\n<p>  c  </p>")).toBe("a b\n\nc");
    expect(htmlToPlainText("<pre>x\n  y</pre>")).toBe("x\n  y");
  });

  it("drops the content of script, style and the other dropped elements", () => {
    expect(htmlToPlainText("a<script>alert(1)</script><style>p{}</style><svg><text>t</text></svg>b")).toBe("ab");
  });

  it("keeps the hidden parts of shortened links, which are part of the text", () => {
    expect(htmlToPlainText('<a href="https://e.example/x"><span class="invisible">https://</span><span class="ellipsis">e.example/</span><span class="invisible">x</span></a>'))
      .toBe("https://e.example/x");
  });
});
