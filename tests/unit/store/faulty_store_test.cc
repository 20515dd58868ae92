#include "store/faulty_store.h"

#include <gtest/gtest.h>

#include "store/sqlite_store.h"

namespace govwatch::store {
namespace {

TEST(InMemoryStore, WorksAsAFake) {
  auto opened = SqliteStore::Open(":memory:");
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  ASSERT_TRUE((*opened)->UpsertTarget({"s", TargetKind::kSite, "", "u", "n", "http://s/"}).ok());
  EXPECT_EQ((*opened)->ItemCount("s").value(), 0);
}

TEST(FaultyStore, FailsExactlyTheNthCall) {
  auto opened = SqliteStore::Open(":memory:");
  ASSERT_TRUE(opened.ok());
  FaultyStore faulty(**opened);
  const TargetRecord target{"s", TargetKind::kSite, "", "u", "n", "http://s/"};
  faulty.FailNthCall(2);
  EXPECT_TRUE(faulty.UpsertTarget(target).ok());
  auto failed = faulty.ItemCount("s");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "store: injected fault");
  EXPECT_TRUE(faulty.ItemCount("s").ok());
  EXPECT_EQ(faulty.calls(), 3);
}

TEST(FaultyStore, FailedCallDoesNotReachTheStore) {
  auto opened = SqliteStore::Open(":memory:");
  ASSERT_TRUE(opened.ok());
  FaultyStore faulty(**opened);
  faulty.FailNthCall(1);
  EXPECT_FALSE(faulty.UpsertTarget({"s", TargetKind::kSite, "", "u", "n", ""}).ok());
  // The target was never written, so recording against it violates the foreign key.
  Observation o;
  EXPECT_FALSE((*opened)->RecordObservation("s", o, {}).ok());
}

}  // namespace
}  // namespace govwatch::store
