/** The floor for cold start: `fetch` and `res.json()`, no Effect, no validation. */
const env = (name: string) => process.env[name] ?? ""

fetch(`${env("STATUSPAGE_BASE_URL")}/pages/${env("STATUSPAGE_PAGE_ID")}/components?per_page=100`, {
  headers: { authorization: `OAuth ${env("STATUSPAGE_API_KEY")}`, accept: "application/json" }
})
  .then((res) => res.json() as Promise<Array<unknown>>)
  .then((components) => console.log(components.length))
