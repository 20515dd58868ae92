// Subcommands of the govwatch executable. Each takes the arguments after its name and returns
// the process exit status; each prints its own errors (to stderr) and results (to stdout).
#pragma once

#include <string>
#include <vector>

namespace govwatch::app {

using Args = std::vector<std::string>;

// govwatch check-config FILE: 0 and a one-line summary when valid, 1 and every error as
// FILE:LINE:COL: message otherwise.
int RunCheckConfig(const Args& args);

// govwatch extract [--kind list|article|feed|auto] [--base-url URL] [--tz TZ] [--now ISO8601]
// FILE|URL: JSON on stdout.
int RunExtract(const Args& args);

// govwatch probe -c FILE [--now ISO8601] [--db PATH] [--format json|table] TARGET_ID...
int RunProbe(const Args& args);

// govwatch run -c FILE: the daemon (scheduler, store, /metrics and the JSON API, signals,
// sd_notify). 0 after a clean stop, 1 when it could not start.
int RunDaemon(const Args& args);

// govwatch report -c FILE --period PERIOD [--region R] [--out DIR] [--format html,csv,xlsx]
// [--db PATH] [--now ISO8601]: the inspection report of a period (report.html, annex CSVs,
// report.xlsx). 0 when written, 1 on failure, 2 on a usage error.
int RunReport(const Args& args);

}  // namespace govwatch::app
