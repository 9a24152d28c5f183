#!/usr/bin/env bash
# Campaign-engine benchmark: builds the web app and the benchmark in Release, then runs bench/Engine
# (part 1 in process, part 2 against the web app as a child process on loopback; it is killed at the end).
# Any arguments go to the benchmark, e.g.  bench/run-engine.sh --events 1000 --rounds 1
# (see: bench/run-engine.sh --help).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build -c Release -nologo -v q src/CampaignConsole.Web/CampaignConsole.Web.csproj
dotnet build -c Release -nologo -v q bench/Engine/CampaignConsole.Bench.Engine.csproj
exec dotnet bench/Engine/bin/Release/net10.0/CampaignConsole.Bench.Engine.dll \
  --web-dll src/CampaignConsole.Web/bin/Release/net10.0/CampaignConsole.Web.dll "$@"
