/** Counters in the Prometheus text exposition format (version 0.0.4). */

interface Family {
  readonly help: string
  readonly type: "counter" | "gauge"
  readonly values: Map<string, number>
}

const labelText = (labels: Readonly<Record<string, string>>): string => {
  const entries = Object.entries(labels)
  if (entries.length === 0) return ""
  const quote = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')
  return `{${entries.map(([k, v]) => `${k}="${quote(v)}"`).join(",")}}`
}

export class Metrics {
  private readonly families = new Map<string, Family>()

  declare(name: string, type: Family["type"], help: string): void {
    this.families.set(name, { help, type, values: new Map() })
  }

  add(name: string, amount = 1, labels: Readonly<Record<string, string>> = {}): void {
    const values = this.families.get(name)!.values
    const key = labelText(labels)
    values.set(key, (values.get(key) ?? 0) + amount)
  }

  set(name: string, value: number): void {
    this.families.get(name)!.values.set("", value)
  }

  get(name: string, labels: Readonly<Record<string, string>> = {}): number {
    return this.families.get(name)?.values.get(labelText(labels)) ?? 0
  }

  render(): string {
    const lines: Array<string> = []
    for (const [name, family] of this.families) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`)
      if (family.values.size === 0) lines.push(`${name} 0`)
      for (const [labels, value] of family.values) lines.push(`${name}${labels} ${value}`)
    }
    return `${lines.join("\n")}\n`
  }
}
