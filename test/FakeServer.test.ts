import { StatusPageFakeServer } from "@effect-statuspage/platform-node"
import { fakeSuite } from "./support/fakeSuite.js"

fakeSuite("over HTTP on loopback", () => StatusPageFakeServer.layerTest({ seed: 1 }))
