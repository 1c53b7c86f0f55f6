import { describe, expect, it } from "vitest";
import { VotingInputError } from "../voting/ballot.js";
import { checkProxies, checkProxy, votesCarried, type Proxy, type ProxyContext } from "./proxies.js";

/** Members a–h; a, b and c are present in person. */
const context = (maxProxiesPerHolder = 2): ProxyContext => ({
  members: ["a", "b", "c", "d", "e", "f", "g", "h"],
  present: ["a", "b", "c"],
  maxProxiesPerHolder,
});

const proxy = (giver: string, holder: string): Proxy => ({ giver, holder });

describe("checkProxy", () => {
  it("accepts an absent member giving their vote to a member present", () => {
    expect(checkProxy(proxy("d", "a"), [], context())).toEqual({ ok: true });
  });

  it("accepts a holder reaching the limit, refuses one past it", () => {
    // Limit 2: a already holds d's proxy, so e's is the second (accepted) and f's a third (refused).
    const held = [proxy("d", "a")];
    expect(checkProxy(proxy("e", "a"), held, context(2))).toEqual({ ok: true });
    const full = [...held, proxy("e", "a")];
    expect(checkProxy(proxy("f", "a"), full, context(2))).toEqual({ ok: false, reason: "holder_limit" });
    expect(checkProxy(proxy("f", "b"), full, context(2))).toEqual({ ok: true });
  });

  it("refuses every proxy when the statutes allow none", () => {
    expect(checkProxy(proxy("d", "a"), [], context(0))).toEqual({ ok: false, reason: "proxies_not_allowed" });
  });

  it.each([
    ["a proxy to oneself", proxy("d", "d"), [], "self"],
    ["a giver who is not a member", proxy("x", "a"), [], "giver_not_member"],
    ["a holder who is not a member", proxy("d", "x"), [], "holder_not_member"],
    ["a giver who already gave a proxy", proxy("d", "b"), [proxy("d", "a")], "giver_already_gave"],
    ["a chain: the holder gave their own vote away", proxy("d", "e"), [proxy("e", "a")], "chain"],
    ["a giver who holds proxies of others", proxy("a", "b"), [proxy("d", "a")], "giver_holds_proxies"],
    ["a giver present in person", proxy("a", "b"), [], "giver_present"],
    ["a holder who is not present", proxy("d", "e"), [], "holder_not_present"],
  ] as const)("refuses %s", (_name, proposed, existing, reason) => {
    expect(checkProxy(proposed, existing, context())).toEqual({ ok: false, reason });
  });

  it("refuses a limit that is no whole number", () => {
    expect(() => checkProxy(proxy("d", "a"), [], context(1.5))).toThrow(VotingInputError);
  });
});

describe("checkProxies", () => {
  it("checks each proxy against the ones before it", () => {
    const list = [proxy("d", "a"), proxy("e", "a"), proxy("f", "b"), proxy("g", "a")];
    expect(checkProxies(list.slice(0, 3), context(2))).toEqual({ ok: true });
    expect(checkProxies(list, context(2))).toEqual({ ok: false, index: 3, reason: "holder_limit" });
  });
});

describe("votesCarried", () => {
  it("counts each holder's own vote and the votes they represent, holders and givers sorted", () => {
    const list = [proxy("f", "b"), proxy("e", "a"), proxy("d", "a")];
    expect(votesCarried(list)).toEqual([
      { holder: "a", givers: ["d", "e"], votes: 3 },
      { holder: "b", givers: ["f"], votes: 2 },
    ]);
    expect(votesCarried([])).toEqual([]);
  });

  it("refuses a member who gave two proxies", () => {
    expect(() => votesCarried([proxy("d", "a"), proxy("d", "b")])).toThrow(VotingInputError);
  });
});
