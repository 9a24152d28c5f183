#!/usr/bin/env bash
# Real third-party SDKs (Segment, RudderStack) against the built server: npm ci, then node's test runner.
# Needs the server built first (dotnet build src/CampaignConsole.Web, any configuration;
# CC_CONFIGURATION=Debug|Release picks one, CC_WEB_DLL=/path/to/CampaignConsole.Web.dll overrides).
set -euo pipefail
cd "$(dirname "$0")/clients"
npm ci --no-audit --no-fund --loglevel=error
# spec reporter: one line per test, then the runner's summary (tests / pass / fail / duration_ms).
exec node --test --test-reporter=spec "$@"
