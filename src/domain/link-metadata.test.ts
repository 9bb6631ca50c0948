// Card metadata read from OpenGraph, Twitter card and plain HTML tags.
import { describe, expect, it } from "vitest";
import { parseLinkMetadata } from "./link-metadata.ts";

describe("parseLinkMetadata", () => {
  it("prefers OpenGraph, resolves relative images and reads author, language and time", () => {
    const html = `<!doctype html><html lang="fr-CA"><head>
      <title>Document title</title>
      <meta property="og:title" content="Le &amp; titre">
      <meta property="og:description" content="  Une   description ">
      <meta property="og:site_name" content="Le Site">
      <meta property="og:image" content="/img/card.png">
      <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
      <meta name="author" content="Ada Lovelace">
      <meta property="article:published_time" content="2026-11-20T10:00:00Z">
    </head><body><p>text</p></body></html>`;
    expect(parseLinkMetadata(html, "https://news.example/a/1")).toEqual({
      title: "Le & titre",
      description: "Une description",
      type: "link",
      authorName: "Ada Lovelace",
      authorUrl: "",
      providerName: "Le Site",
      providerUrl: "https://news.example",
      imageUrl: "https://news.example/img/card.png",
      width: 1200,
      height: 630,
      embedUrl: "https://news.example/a/1",
      language: "fr",
      publishedAt: Date.parse("2026-11-20T10:00:00Z"),
    });
  });

  it("falls back to Twitter tags and <title>; a player makes a video card", () => {
    const html = `<head><title> Plain </title><meta name="twitter:player" content="https://video.example/embed/9">
      <meta name="twitter:player:width" content="640"><meta name="twitter:player:height" content="360"></head>`;
    expect(parseLinkMetadata(html, "https://video.example/v/9")).toMatchObject({
      title: "Plain", type: "video", embedUrl: "https://video.example/embed/9", width: 640, height: 360, providerName: "video.example", imageUrl: null, language: null,
    });
  });

  it("makes no card of a page without a title, and ignores non-http images", () => {
    expect(parseLinkMetadata("<p>no head</p>", "https://x.example/")).toBeNull();
    expect(parseLinkMetadata('<title>t</title><meta property="og:image" content="javascript:alert(1)">', "https://x.example/")?.imageUrl).toBeNull();
  });
});
