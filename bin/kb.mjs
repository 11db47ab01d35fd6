#!/usr/bin/env node
// `kb`: the knowledge base's command line, the same as `npm run kb -- <command>`.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/kb.ts");
