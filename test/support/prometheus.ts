/**
 * Reads Prometheus text exposition with an independent parser: the official
 * Prometheus Python client's (Debian package python3-prometheus-client,
 * installed by .ci/run), so a test checks what a Prometheus server would
 * accept, not what our own code believes it wrote.
 */
import { spawnSync } from 'node:child_process';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  samples: Sample[];
}

const SCRIPT = `
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for f in text_string_to_metric_families(sys.stdin.read()):
    out.append({"name": f.name, "type": f.type, "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in f.samples]})
print(json.dumps(out))
`;

export function parsePrometheus(text: string): Family[] {
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the Prometheus parser refused the text: ${r.stderr.trim().split('\n').pop()}`);
  return JSON.parse(r.stdout) as Family[];
}
