#!/usr/bin/env bash
# Ingest benchmark: builds the web app and the benchmark in Release, then runs bench/Ingest.
# Any arguments go to the benchmark, e.g.  bench/run-ingest.sh --senders 16,64 --duration 10
# (see: bench/run-ingest.sh --help). Loopback only; the server it starts is killed at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build -c Release -nologo -v q src/CampaignConsole.Web/CampaignConsole.Web.csproj
dotnet build -c Release -nologo -v q bench/Ingest/CampaignConsole.Bench.Ingest.csproj
exec dotnet bench/Ingest/bin/Release/net10.0/CampaignConsole.Bench.Ingest.dll \
  --web-dll src/CampaignConsole.Web/bin/Release/net10.0/CampaignConsole.Web.dll "$@"
