// A lane's bookkeeping: when it takes, how many, and when it needs to look again.
import { describe, expect, it } from "vitest";
import { encodeMessage, Lane, laneOf } from "./queue-lanes.ts";

describe("Lane", () => {
  it("takes all its slots when idle, then only once a quarter of them is free", () => {
    const lane = new Lane(8, 200);
    expect(lane.wanted(1_000)).toBe(8);
    lane.taking(1_000, 8)(8); // a full take: there may be more
    lane.running = 7;
    expect(lane.wanted(1_010)).toBe(0);
    lane.running = 6;
    expect(lane.wanted(1_020)).toBe(2);
  });

  it("looks again after a short take only on a new sign or at the poll interval", () => {
    const lane = new Lane(8, 200);
    lane.taking(1_000, lane.wanted(1_000))(3); // short: nothing else was ready
    lane.running = 0;
    expect(lane.wanted(1_050)).toBe(0);
    lane.signal();
    expect(lane.wanted(1_060)).toBe(8);
    lane.taking(1_060, 8)(0);
    expect(lane.wanted(1_100)).toBe(0);
    expect(lane.wanted(1_260)).toBe(8); // the poll interval passed
  });

  it("counts a sign that came during a take", () => {
    const lane = new Lane(4, 200);
    const took = lane.taking(1_000, lane.wanted(1_000));
    lane.signal(); // an enqueue while the take ran
    took(1);
    lane.running = 1;
    expect(lane.wanted(1_010)).toBe(3);
  });

  it("needs no poll while it could not take anyway", () => {
    const lane = new Lane(8, 200);
    lane.taking(1_000, 8)(8);
    lane.running = 8;
    expect(lane.untilPoll(1_500)).toBe(Infinity);
    lane.running = 7; // one free slot: under a quarter
    expect(lane.untilPoll(1_500)).toBe(Infinity);
    lane.running = 6;
    expect(lane.untilPoll(1_100)).toBe(100);
  });

  it("holds slots for messages enqueued here, never more than are free", () => {
    const lane = new Lane(4, 200);
    lane.running = 1;
    expect(lane.reserve(5)).toBe(3);
    expect(lane.reserve(1)).toBe(0);
    expect(lane.wanted(1_000)).toBe(0);
  });
});

describe("lanes of messages", () => {
  it("puts Fedify's outbox and fanout messages in the deliveries lane, all else in the other", () => {
    expect([{ type: "outbox" }, { type: "fanout" }, { type: "inbox" }, "text", 1, null, ["outbox"]].map(laneOf))
      .toEqual(["deliveries", "deliveries", "other", "other", "other", "other", "other"]);
  });

  it("writes a typed message's type first, the same object when parsed back", () => {
    const message = { id: "1", attempt: 0, type: "outbox", inbox: "https://remote.example/inbox" };
    const encoded = encodeMessage(message);
    expect(encoded.startsWith('{"type":"outbox"')).toBe(true);
    expect(JSON.parse(encoded)).toEqual(message);
    expect(encodeMessage(["outbox"])).toBe('["outbox"]');
  });
});
