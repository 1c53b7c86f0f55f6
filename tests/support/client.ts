import { eq } from "drizzle-orm";
import { createSession, SESSION_COOKIE } from "../../src/auth/sessions.js";
import { DEMO_PASSWORD } from "../../src/db/seed/demo-data.js";
import { persons } from "../../src/db/schema/index.js";
import type { TestApp } from "./app.js";

export interface Page {
  status: number;
  location: string | null;
  text: string;
  headers: Headers;
}

/**
 * A browser without JavaScript, in process: keeps cookies, follows no redirect by itself,
 * and sends the CSRF token of the last page it read, as a form would.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  csrf = "";

  constructor(
    private readonly t: TestApp,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=Thu, 01 Jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Page> {
    const res = await this.t.app.request(path, {
      method,
      headers: { cookie: this.cookieHeader(), ...this.headers, ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });
    this.remember(res);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: res.status, location: res.headers.get("location"), text, headers: res.headers };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request("GET", path, { headers });
  }

  /** Posts a form as a browser would, with the CSRF token of the last page unless `_csrf` is given. */
  post(path: string, fields: Record<string, string | string[]> = {}) {
    const body = new URLSearchParams();
    if (!("_csrf" in fields)) body.append("_csrf", this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.request("POST", path, {
      body: body.toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }

  /** Posts multipart form data (file uploads). */
  postMultipart(path: string, form: FormData) {
    if (!form.has("_csrf")) form.append("_csrf", this.csrf);
    return this.request("POST", path, { body: form });
  }

  /** Follows a redirect chain with GET, as a browser does after a POST. */
  async follow(page: Page, max = 5): Promise<Page> {
    let current = page;
    for (let i = 0; i < max && current.location && current.status >= 300 && current.status < 400; i++) {
      current = await this.get(
        new URL(current.location, "http://localhost").pathname + new URL(current.location, "http://localhost").search,
      );
    }
    return current;
  }

  /**
   * Opens a session directly in the database, skipping the password check (argon2id is slow by
   * design). For tests about what a signed-in person may do; sign-in itself is tested through the form.
   */
  async actAs(email: string, locale = "en") {
    const [person] = await this.t.deps.db.select({ id: persons.id }).from(persons).where(eq(persons.email, email));
    if (!person) throw new Error(`no person ${email}`);
    const { token } = await createSession(this.t.deps.db, person.id);
    this.cookies.set(SESSION_COOKIE, token);
    await this.get(`/${locale}/`);
  }

  async signIn(email: string, password = DEMO_PASSWORD, locale = "en") {
    await this.get(`/${locale}/sign-in`);
    const res = await this.post(`/${locale}/sign-in`, { email, password });
    if (res.status !== 303) throw new Error(`sign-in as ${email} failed with ${res.status}`);
    await this.get(`/${locale}/`);
    return res;
  }
}
