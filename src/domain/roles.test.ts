import { describe, expect, it } from "vitest";
import { can, mayAssignRole, permissionBits } from "./roles.ts";

describe("roles", () => {
  it("grow from user to owner", () => {
    expect(can("user", "manage_reports")).toBe(false);
    expect(can("moderator", "manage_reports")).toBe(true);
    expect(can("moderator", "manage_federation")).toBe(false);
    expect(can("admin", "manage_federation")).toBe(true);
    expect(can("admin", "devops")).toBe(false);
    expect(can("owner", "devops")).toBe(true);
    expect(permissionBits("user")).toBe(0);
  });

  it("let staff assign only roles below their own; the owner assigns any", () => {
    expect(mayAssignRole("admin", "user", "moderator")).toBe(true);
    expect(mayAssignRole("admin", "user", "admin")).toBe(false);
    expect(mayAssignRole("admin", "owner", "user")).toBe(false);
    expect(mayAssignRole("moderator", "user", "moderator")).toBe(false);
    expect(mayAssignRole("owner", "admin", "owner")).toBe(true);
  });
});
