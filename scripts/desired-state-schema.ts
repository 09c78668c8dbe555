/** Writes packages/desired-state/statuspage.schema.json from the file schema (a test keeps it current). */

import * as Fs from "node:fs"
import { DesiredStateFile } from "@effect-statuspage/desired-state"

Fs.writeFileSync(
  "packages/desired-state/statuspage.schema.json",
  `${JSON.stringify(DesiredStateFile.jsonSchema, null, 2)}\n`
)
