import * as Command from "@effect/cli/Command"
import * as Options from "@effect/cli/Options"
import * as Bridge from "@effect-statuspage/bridge/Bridge"
import * as BridgeConfig from "@effect-statuspage/bridge/BridgeConfig"
import * as BridgeServer from "@effect-statuspage/bridge/BridgeServer"
import * as StatusPageConfig from "@effect-statuspage/core/StatusPageConfig"
import { ConfigurationError } from "@effect-statuspage/core/StatusPageError"
import * as RedisRateLimiter from "@effect-statuspage/platform-node/RedisRateLimiter"
import * as StatusPageFakeServer from "@effect-statuspage/testing/StatusPageFakeServer"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Console from "effect/Console"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { listenError } from "../errors.js"
import * as Files from "../files.js"
import { describe, group } from "../help.js"
import * as Output from "../output.js"
import * as Settings from "../settings.js"
import * as Stop from "../stop.js"

const options = {
  ...Settings.options,
  json: Output.json,
  config: Options.text("config").pipe(
    Options.withAlias("c"),
    Options.withDescription(
      "The routing config (YAML, see examples/bridge.yaml). Its `auth` names the environment variables holding the webhook credentials: they are never flag values."
    )
  ),
  port: Options.integer("port").pipe(
    Options.withDescription("The port to listen on (0: a free one)."),
    Options.withDefault(BridgeServer.defaultPort)
  ),
  host: Options.text("host").pipe(
    Options.withDescription("The address to listen on (anything but loopback only with `auth` in the config)."),
    Options.withDefault("127.0.0.1")
  )
}

// Config.redacted hides the variable's name in the message; the path of the missing data still names it.
const missingVariable = (error: ConfigError.ConfigError): string | undefined =>
  error._op === "MissingData"
    ? error.path.join(".")
    : error._op === "And" || error._op === "Or"
      ? (missingVariable(error.left) ?? missingVariable(error.right))
      : undefined

const credentialsMissing = (file: string) => (error: ConfigError.ConfigError) => {
  const variable = missingVariable(error)
  return new ConfigurationError({
    reason: "Missing",
    setting: "auth",
    message: `${file}: auth names ${variable === undefined ? "an environment variable" : `the environment variable ${variable}`}, which is not set`
  })
}

// Replicas share the rate limit through Redis. Its URL may hold a password: from the environment only.
const redisUrl = Config.option(Config.redacted("STATUSPAGE_REDIS_URL"))

const serve = Command.make("serve", options, (args) =>
  Effect.gen(function* () {
    const config = yield* Effect.flatMap(Files.read(args.config), (text) => BridgeConfig.parse(text, args.config))
    if (config.auth === undefined && !StatusPageFakeServer.isLoopback(args.host)) {
      yield* Console.error(
        `statuspage: warning: ${args.config} has no auth and the bridge listens on ${args.host}: whoever reaches it can open incidents on the page`
      )
    }
    yield* Effect.scoped(
      Effect.gen(function* () {
        const redis = yield* Effect.orDie(redisUrl)
        // Every alert acts on the page: without a page id the bridge would answer 202 and then fail each write.
        const statusPage = Settings.layer(
          args,
          Option.isSome(redis) ? { rateLimit: RedisRateLimiter.layer({ redis: Redacted.value(redis.value) }) } : {}
        ).pipe(
          Layer.tap((context) =>
            StatusPageConfig.requirePageId(Context.get(context, StatusPageConfig.StatusPageConfig))
          )
        )
        const server = yield* Layer.build(
          BridgeServer.layer({ config, port: args.port, host: args.host, statusPage })
        ).pipe(
          Effect.catchTags({
            ServeError: (error) => Effect.fail(listenError(args.host, args.port)(error)),
            ConfigError: (error) => Effect.fail(credentialsMissing(args.config)(error))
          })
        )
        const url = yield* BridgeServer.url.pipe(Effect.provide(server))
        // BridgeServer logs the line saying where it listens.
        if (args.json) yield* Output.emit({ json: { url }, text: "" }, true)
        yield* Stop.untilAsked
        // The bridge's own drain (closing the scope would drain too, but uninterruptibly): a second signal cuts it.
        yield* Bridge.drain.pipe(Effect.provide(server))
      })
    )
    yield* Console.error("statuspage: bridge stopped")
  })
).pipe(
  Command.withDescription(
    describe(
      "Serve the alert bridge: Alertmanager, Grafana and generic webhooks to incidents and component statuses, as the config routes them (key and page as for every command; replicas share the rate limit through the Redis at STATUSPAGE_REDIS_URL when it is set). Ctrl-C or SIGTERM stops it after writing what it received, at most the config's drain_timeout (default 30s; exit 0); a second one stops at once (130).",
      "statuspage bridge serve --config bridge.yaml",
      "BRIDGE_TOKEN=$(cat token) statuspage bridge serve --config bridge.yaml --port 9095 --host 127.0.0.1"
    )
  )
)

export const command = group(
  "bridge",
  describe("The alert bridge (see the README's five-minute section).", "statuspage bridge serve --config bridge.yaml"),
  [serve]
)
