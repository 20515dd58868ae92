// Crash safety (issue 2): "a kill -9 at any moment loses at most the observation in flight".
// A writer process records observations in a tight loop; we SIGKILL it at random moments, 20
// times, each time restarting it on the same file (so some kills land while it opens and
// migrates). Afterwards the database must pass PRAGMA integrity_check and every stored
// observation must have all of its items: items == K × observations.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "store/sqlite_store.h"
#include "store_test_util.h"

namespace govwatch::store {
namespace {

constexpr int kItemsPerObservation = 7;
constexpr int kRounds = 20;

pid_t StartWriter(const std::string& db_path) {
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string k = std::to_string(kItemsPerObservation);
    execl(STORE_WRITER, STORE_WRITER, db_path.c_str(), k.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

TEST(StoreCrash, KillNineLosesAtMostTheObservationInFlight) {
  testing::TempDir dir;
  const std::string path = dir.File("crash.db");
  std::mt19937 random(std::random_device{}());
  // Early kills (a few ms) hit start-up and migrations; later ones hit the write loop.
  std::uniform_int_distribution<int> delay_ms(2, 120);

  for (int round = 0; round < kRounds; ++round) {
    const pid_t pid = StartWriter(path);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    // The writer only stops when killed; exiting on its own means it hit an error.
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "round " << round << ": writer exited with status " << WEXITSTATUS(status);
  }

  auto opened = SqliteStore::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ((*opened)->IntegrityCheck().value(), "ok");
  const std::int64_t observations = testing::QueryInt(path, "SELECT count(*) FROM observations");
  const std::int64_t items = testing::QueryInt(path, "SELECT count(*) FROM items");
  EXPECT_GT(observations, 0) << "the writer never committed anything; the test proves "
                                       "nothing";
  EXPECT_EQ(items, kItemsPerObservation * observations);
  RecordProperty("observations", std::to_string(observations));
  EXPECT_EQ(testing::QueryInt(path, "SELECT coalesce(sum(item_count), 0) FROM observations"),
            items);
  EXPECT_EQ(testing::QueryInt(path, "PRAGMA foreign_key_check"), -1);  // no violating row
  EXPECT_EQ(testing::QueryInt(path, "SELECT count(*) FROM schema_migrations"),
            static_cast<std::int64_t>(SqliteMigrations().size()));
}

}  // namespace
}  // namespace govwatch::store
