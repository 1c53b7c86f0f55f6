import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";

describe.each(ENGINES)("sign-in with a password (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it("signs a member in, shows the account link, and signs out", async () => {
    const browser = new TestClient(t);
    const res = await browser.signIn("member@demo.letscoop.test");
    expect(res.location).toBe("/fr/account");
    const home = await browser.get("/en/");
    expect(home.text).toContain("My account");
    await browser.post("/en/sign-out");
    const after = await browser.get("/en/");
    expect(after.text).not.toContain("My account");
    expect(after.text).toContain("Sign in");
  });

  it("refuses a wrong password with a clear message and no session", async () => {
    const browser = new TestClient(t);
    await browser.get("/en/sign-in");
    const res = await browser.post("/en/sign-in", { email: "member@demo.letscoop.test", password: "wrong-password" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("The e-mail address or the password is wrong.");
    expect((await browser.get("/en/")).text).not.toContain("My account");
  });

  it("refuses a forged CSRF token", async () => {
    const browser = new TestClient(t);
    await browser.get("/en/sign-in");
    const res = await browser.post("/en/sign-in", {
      _csrf: "forged",
      email: "member@demo.letscoop.test",
      password: "letscoop-demo",
    });
    expect(res.status).toBe(403);
    expect(res.text).toContain("Form expired");
  });

  it("does not redirect outside the site after sign-in", async () => {
    const browser = new TestClient(t);
    await browser.get("/en/sign-in");
    const res = await browser.post("/en/sign-in", {
      email: "member@demo.letscoop.test",
      password: "letscoop-demo",
      next: "//evil.example/x",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/fr/account");
  });
});

describe.each(ENGINES)("sign-in limits from the settings (%s)", (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { SIGN_IN_MAX_PER_ADDRESS: "3", SIGN_IN_MAX_PER_ACCOUNT: "100" });
  });
  afterAll(() => t.close());

  it("refuses the attempt past SIGN_IN_MAX_PER_ADDRESS from one address, whatever the account", async () => {
    const browser = new TestClient(t, { "x-test-client-address": "198.51.100.77" });
    await browser.get("/en/sign-in");
    for (const who of ["member", "facilitator", "secretary"]) {
      const res = await browser.post("/en/sign-in", { email: `${who}@demo.letscoop.test`, password: "wrong-password" });
      expect(res.status, who).toBe(422);
    }
    const fourth = await browser.post("/en/sign-in", { email: "board@demo.letscoop.test", password: "letscoop-demo" });
    expect(fourth.status).toBe(429);
    // Another address is not limited by it.
    const other = new TestClient(t, { "x-test-client-address": "198.51.100.78" });
    await other.get("/en/sign-in");
    expect(
      (await other.post("/en/sign-in", { email: "board@demo.letscoop.test", password: "letscoop-demo" })).status,
    ).toBe(303);
  });
});
