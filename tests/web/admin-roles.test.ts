import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app.js";
import type { TestClient } from "../support/client.js";
import { ENGINES } from "../support/db.js";
import {
  ADMIN,
  auditActions,
  errorsOf,
  FR_ADMIN,
  grantOrgAdmin,
  lastAuditSeq,
  MEMBER,
  one,
  orgId,
  rows,
  signedIn,
  snapshot,
  submit,
} from "./admin-helpers.js";

const ROLES = "/en/admin/organisations/smart-be/roles";

describe.each(ENGINES)("administration of roles (%s)", (engine) => {
  let t: TestApp;
  let admin: TestClient;
  let beAdmin: TestClient;
  let be: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    // The guest author becomes administrator of smart-be only, to test an organisation administrator.
    await grantOrgAdmin(t, FR_ADMIN, "smart-be");
    admin = await signedIn(t, ADMIN);
    beAdmin = await signedIn(t, FR_ADMIN);
    be = await orgId(t, "smart-be");
  });
  afterAll(() => t.close());

  it("lists the roles of the organisation, never the instance-wide administrator", async () => {
    const page = await admin.get(ROLES);
    expect(page.status).toBe(200);
    expect(page.text).toContain("<caption>Roles in Smart Belgique</caption>");
    expect(page.text).toContain("Elena Moravec");
    expect(page.text).toContain("Board member");
    expect(page.text).toContain("Cycle manager");
    expect(page.text).not.toContain("Ada Lindqvist");
    const instanceRole = await one<{ id: string }>(
      t,
      sql`select r.id from role_assignments r join persons p on p.id = r.person_id where p.email = ${ADMIN} and r.organisation_id is null`,
    );
    expect(page.text).not.toContain(instanceRole.id);
  });

  it("grants a role to a member found by e-mail and records it", async () => {
    const since = await lastAuditSeq(t);
    const res = await submit(beAdmin, ROLES, ROLES, { email: "  MEMBER@demo.letscoop.test ", role: "secretary" });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${ROLES}?notice=granted`);
    const granted = await one<{ id: string; person_id: string }>(
      t,
      sql`select r.id, r.person_id from role_assignments r join persons p on p.id = r.person_id where p.email = ${MEMBER} and r.organisation_id = ${be} and r.role = 'secretary'`,
    );
    expect(await auditActions(t, since)).toEqual([
      {
        action: "role.granted",
        subject_type: "role_assignment",
        data: { personId: granted.person_id, role: "secretary" },
      },
    ]);
    const page = await beAdmin.follow(res);
    expect(page.text).toContain("The role has been granted.");
    expect(page.text).toContain(`/roles/${granted.id}/revoke`);
  });

  it("refuses bad grants with a clear message and saves nothing", async () => {
    const cases: Array<[string, Record<string, string>, string]> = [
      ["empty e-mail", { email: "", role: "secretary" }, "Member's e-mail address: This field is required."],
      ["not an e-mail", { email: "greta", role: "secretary" }, "Member's e-mail address: Enter a valid e-mail address"],
      [
        "unknown person",
        { email: "nobody@example.org", role: "secretary" },
        "No member of Smart Belgique has this e-mail address.",
      ],
      [
        "member of another organisation",
        { email: "member04@demo.letscoop.test", role: "secretary" },
        "No member of Smart Belgique has this e-mail address.",
      ],
      ["unknown role", { email: MEMBER, role: "dictator" }, "Role: Choose one of the values offered."],
      [
        "role the member already holds",
        { email: "board@demo.letscoop.test", role: "board_member" },
        "Role: This member already holds this role.",
      ],
      [
        "over-long e-mail",
        { email: `${"a".repeat(250)}@x.be`, role: "secretary" },
        "This text is too long (at most 254 characters).",
      ],
    ];
    const before = await snapshot(t);
    for (const [what, fields, message] of cases) {
      const res = await submit(admin, ROLES, ROLES, fields);
      expect(res.status, what).toBe(422);
      expect(errorsOf(res), what).toContain(message);
    }
    expect(await snapshot(t)).toBe(before);
  });

  it("revokes a role and records it", async () => {
    const role = await one<{ id: string; person_id: string }>(
      t,
      sql`select r.id, r.person_id from role_assignments r join persons p on p.id = r.person_id where p.email = 'facilitator@demo.letscoop.test' and r.organisation_id = ${be}`,
    );
    const since = await lastAuditSeq(t);
    await beAdmin.get(ROLES);
    const res = await beAdmin.post(`${ROLES}/${role.id}/revoke`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${ROLES}?notice=revoked`);
    expect(await rows(t, sql`select 1 from role_assignments where id = ${role.id}`)).toEqual([]);
    expect(await auditActions(t, since)).toEqual([
      {
        action: "role.revoked",
        subject_type: "role_assignment",
        data: { personId: role.person_id, role: "facilitator" },
      },
    ]);
  });

  it("refuses to let an administrator revoke their own administration, or the instance-wide one", async () => {
    const own = await one<{ id: string }>(
      t,
      sql`select r.id from role_assignments r join persons p on p.id = r.person_id where p.email = ${FR_ADMIN} and r.organisation_id = ${be} and r.role = 'admin'`,
    );
    const instance = await one<{ id: string }>(
      t,
      sql`select r.id from role_assignments r join persons p on p.id = r.person_id where p.email = ${ADMIN} and r.organisation_id is null`,
    );
    const before = await snapshot(t);
    const page = await beAdmin.get(ROLES);
    expect(page.text).not.toContain(`/roles/${own.id}/revoke`);
    expect(page.text).toContain("Your own role");
    const refused = await beAdmin.post(`${ROLES}/${own.id}/revoke`);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(
      "You cannot revoke your own administrator role: ask another administrator to do it.",
    );
    const hidden = await beAdmin.post(`${ROLES}/${instance.id}/revoke`);
    expect(hidden.status).toBe(404);
    await admin.get(ROLES);
    expect((await admin.post(`${ROLES}/${instance.id}/revoke`)).status).toBe(404);
    expect(await snapshot(t)).toBe(before);
    // Another administrator may revoke it.
    const byOther = await admin.post(`${ROLES}/${own.id}/revoke`);
    expect(byOther.status).toBe(303);
    expect((await beAdmin.get(ROLES)).status).toBe(403);
  });

  it("renders a member's name with markup as inert text", async () => {
    await t.deps.db.execute(
      sql`update persons set name = '<script>alert(1)</script>' where email = 'secretary@demo.letscoop.test'`,
    );
    const page = await admin.get(ROLES);
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.text).not.toContain("<script>alert(1)");
  });
});
