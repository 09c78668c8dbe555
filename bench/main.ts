/** `pnpm bench` (add `--smoke` for a seconds-long run that only checks the bench still works). */
import * as Report from "./report.js"

await Report.run(process.argv.includes("--smoke") ? Report.smoke : Report.full, (line) => console.log(line))
