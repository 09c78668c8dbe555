/**
 * Bundles the `statuspage` bin and the GitHub Action's entry point into self-contained ESM (every dependency
 * inlined, so they run with plain `node` and no install): `dist/statuspage.js` and `dist/action.js`, small entry files
 * over the code they share in `dist/chunks/` (one copy in the package instead of two).
 * `tsx bundle.ts [outdir]`; the e2e tests call `bundle(outdir)` to test exactly what ships.
 */
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

const root = Path.dirname(fileURLToPath(import.meta.url))

export const bundle = async (outdir: string = Path.join(root, "dist")): Promise<void> => {
  await build({
    entryPoints: {
      statuspage: Path.join(root, "src/bin/statuspage.ts"),
      action: Path.join(root, "src/bin/action.ts")
    },
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // the two entry points share almost all their code: one copy of it in a chunk both import
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    // Some CommonJS dependencies call require(); give them one in the ESM bundle.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }
  })
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === Path.resolve(process.argv[1])) {
  await bundle(process.argv[2])
}
