import { defineConfig } from "vitest/config"

// Tests that measure a real-time rate run on their own, after everything else, so that a busy CPU shared with other
// test files cannot starve them (a starved run sends fewer requests per window than the budget allows).
const realTime = ["test/RateLimiter.test.ts"]

export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: "suite", include: ["test/**/*.test.ts"], exclude: realTime, sequence: { groupOrder: 0 } }
      },
      { extends: true, test: { name: "real-time", include: realTime, sequence: { groupOrder: 1 } } }
    ]
  }
})
