import { fakeSuite } from "./support/fakeSuite.js"
import { StatusPageTest } from "@effect-statuspage/core"

fakeSuite("in-process", () => StatusPageTest.layer({ seed: 1 }))
