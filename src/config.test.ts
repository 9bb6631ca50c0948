import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("has working defaults: port 3000, SQLite in ./data, private addresses refused", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl.href).toBe("http://localhost:3000/");
    expect(config.database).toMatchObject({ kind: "sqlite" });
    expect(config.database.kind === "sqlite" && config.database.path.endsWith("data/parley.sqlite")).toBe(true);
    expect(config.allowPrivateAddress).toBe(false);
    expect(config.registrations).toBe("closed");
  });

  it("reads PostgreSQL, a public URL with a port, and flags", () => {
    const config = loadConfig({
      DATABASE_URL: "postgres://u:p@db:5432/parley",
      PARLEY_DATABASE_SCHEMA: "parley",
      PARLEY_PUBLIC_URL: "https://social.example:8443",
      PARLEY_ALLOW_PRIVATE_ADDRESS: "true",
    });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://u:p@db:5432/parley", schema: "parley" });
    expect(config.publicUrl.host).toBe("social.example:8443");
    expect(config.allowPrivateAddress).toBe(true);
  });

  it.each([
    [{ PORT: "70000" }, "PORT"],
    [{ PARLEY_PUBLIC_URL: "not a url" }, "PARLEY_PUBLIC_URL"],
    [{ PARLEY_PUBLIC_URL: "https://x.example/path" }, "PARLEY_PUBLIC_URL"],
    [{ PARLEY_PUBLIC_URL: "ftp://x.example" }, "PARLEY_PUBLIC_URL"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PARLEY_ALLOW_PRIVATE_ADDRESS: "maybe" }, "PARLEY_ALLOW_PRIVATE_ADDRESS"],
    [{ PARLEY_LOG_LEVEL: "loud" }, "PARLEY_LOG_LEVEL"],
    [{ DATABASE_URL: "postgres://x/y", PARLEY_DATABASE_SCHEMA: "Bad-Name" }, "PARLEY_DATABASE_SCHEMA"],
  ])("refuses %o naming %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
