// govwatch: argv → subcommand; nothing else.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.h"

namespace {

constexpr const char* kUsage =
    "usage: govwatch COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  check-config FILE      validate a configuration file\n"
    "  extract [OPTIONS] FILE|URL\n"
    "                         extract items, dates and fields from a page or feed (JSON)\n"
    "  probe -c FILE [OPTIONS] TARGET_ID...\n"
    "                         fetch, extract, store and check targets once; print findings\n"
    "  crawl -c FILE [OPTIONS] SITE_ID\n"
    "                         crawl a site and check every link (broken, hidden, fake links)\n"
    "  run -c FILE            monitor continuously (the daemon; /metrics and JSON API)\n"
    "  notify-test -c FILE [--channel NAME]\n"
    "                         send a test message through the alert channels\n"
    "  alerts -c FILE [OPTIONS]\n"
    "                         list the alerts (firing, resolved) in the database\n"
    "  scan-text [OPTIONS] [FILE|-]\n"
    "                         check a draft for typos, wrong expressions, sensitive words\n"
    "                         and personal data\n"
    "  report -c FILE --period PERIOD [OPTIONS]\n"
    "                         write the inspection report of a period (HTML, CSV, XLSX)\n"
    "  version                print the version\n"
    "\n"
    "Run 'govwatch COMMAND --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string_view command = argv[1];
  const govwatch::app::Args args(argv + 2, argv + argc);
  if (command == "check-config") return govwatch::app::RunCheckConfig(args);
  if (command == "extract") return govwatch::app::RunExtract(args);
  if (command == "probe") return govwatch::app::RunProbe(args);
  if (command == "crawl") return govwatch::app::RunCrawl(args);
  if (command == "run") return govwatch::app::RunDaemon(args);
  if (command == "notify-test") return govwatch::app::RunNotifyTest(args);
  if (command == "alerts") return govwatch::app::RunAlerts(args);
  if (command == "scan-text") return govwatch::app::RunScanText(args);
  if (command == "report") return govwatch::app::RunReport(args);
  if (command == "version" || command == "--version") {
    std::puts("govwatch " GOVWATCH_VERSION);
    return 0;
  }
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  std::fprintf(stderr, "govwatch: unknown command '%s'\n\n%s", argv[1], kUsage);
  return 2;
}
