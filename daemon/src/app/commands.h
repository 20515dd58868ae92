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

// govwatch crawl -c FILE [--db PATH] [--format table|json] [--now ISO8601] SITE_ID: one
// link-check crawl of a site (issue 6), stored and printed.
int RunCrawl(const Args& args);

// govwatch run -c FILE: the daemon (scheduler, store, /metrics and the JSON API, signals,
// sd_notify). 0 after a clean stop, 1 when it could not start.
int RunDaemon(const Args& args);

// govwatch alerts -c FILE [--state firing|resolved|pending] [--unit ID] [--target ID]
// [--limit N] [--format table|json]: the alerts in the database. 0 on success, 1 when the
// configuration or database cannot be read, 2 on bad arguments.
int RunAlerts(const Args& args);

// govwatch notify-test -c FILE [--channel NAME]: sends a Chinese test message through each
// configured channel (or NAME) right away and prints the result per channel. 0 when every
// channel accepted it, 1 when any failed or the configuration is invalid, 2 on bad arguments.
int RunNotifyTest(const Args& args);
// govwatch scan-text [--lexicon DIR] [-c FILE] [--format json|table] [FILE|-]: the content checks
// on a draft. 0 no findings, 1 findings, 2 usage/input/lexicon error.
int RunScanText(const Args& args);
// govwatch report -c FILE --period PERIOD [--region R] [--out DIR] [--format html,csv,xlsx]
// [--db PATH] [--now ISO8601]: the inspection report of a period (report.html, annex CSVs,
// report.xlsx). 0 when written, 1 on failure, 2 on a usage error.
int RunReport(const Args& args);

}  // namespace govwatch::app
