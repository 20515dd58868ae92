// store_writer DB_PATH ITEMS_PER_OBSERVATION: records observations of one target in a tight
// loop, each with exactly ITEMS_PER_OBSERVATION new items, until killed. store_crash_test
// SIGKILLs it at random moments and then checks that the database is intact and that no
// observation was stored without all of its items.
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <string>

#include "store/sqlite_store.h"

int main(int argc, char** argv) {
  using namespace govwatch;
  if (argc != 3) {
    std::cerr << "usage: store_writer DB_PATH ITEMS_PER_OBSERVATION\n";
    return 2;
  }
  const int items_per_observation = std::atoi(argv[2]);
  auto opened = store::SqliteStore::Open(argv[1]);
  if (!opened) {
    std::cerr << opened.error().message << "\n";
    return 1;
  }
  store::Store& db = **opened;
  if (auto s = db.UpsertTarget({"site/column", store::TargetKind::kColumn, "site", "unit",
                                "通知公告", "http://127.0.0.1/column/"});
      !s) {
    std::cerr << s.error().message << "\n";
    return 1;
  }

  // URLs unique across runs, so every observation adds exactly items_per_observation rows.
  const std::string run = std::to_string(getpid()) + "-" + std::to_string(std::random_device{}());
  for (long n = 0;; ++n) {
    store::Observation observation;
    observation.started_at = std::chrono::time_point_cast<std::chrono::seconds>(
        std::chrono::system_clock::now());
    observation.http_status = 200;
    observation.detail = "run " + run;
    std::vector<core::Item> items;
    for (int k = 0; k < items_per_observation; ++k) {
      core::Item item;
      item.title = "信息 " + std::to_string(k);
      item.url = "http://127.0.0.1/column/" + run + "/" + std::to_string(n) + "/" +
                 std::to_string(k) + ".html";
      if (k % 2 == 0) {
        item.published = observation.started_at;
        item.provenance = core::DateProvenance::kListDate;
      }
      items.push_back(std::move(item));
    }
    auto id = db.RecordObservation("site/column", observation, items);
    if (!id) {
      std::cerr << id.error().message << "\n";
      return 1;
    }
  }
}
