#!/usr/bin/env node
// Launcher: registers the TypeScript loader (tsx) and hands over to the CLI.
import { register } from 'tsx/esm/api';
register();
await import('./cli.ts');
