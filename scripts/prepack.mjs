// `prepack` of every published package: rebuilds `dist` from scratch (no stale or missing files in a tarball), and
// refuses any packer but pnpm, which rewrites `workspace:` ranges and applies `publishConfig` (the dist `exports`,
// the bins); npm would ship a manifest pointing at `src/*.ts` and depending on `workspace:^`.
import { execFileSync } from "node:child_process"
import * as fs from "node:fs"
import * as path from "node:path"

const agent = process.env.npm_config_user_agent ?? ""
if (!agent.startsWith("pnpm/")) {
  console.error(
    [
      `prepack: packing ${path.basename(process.cwd())} needs pnpm, not ${agent.split(" ")[0] || "this packer"}.`,
      "Run `npx -y pnpm@10.34.8 pack` here (or `pnpm publish`): pnpm turns the `workspace:` ranges into versions and",
      "applies `publishConfig` (exports and bins pointing at dist); a plain `npm pack` would ship neither."
    ].join("\n")
  )
  process.exit(1)
}

fs.rmSync("dist", { recursive: true, force: true })
// The package's own build (tsc, and for some a bundle step), through the pnpm that is packing.
execFileSync(process.execPath, [process.env.npm_execpath, "run", "build"], { stdio: "inherit" })
