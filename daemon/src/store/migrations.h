// The SQLite schema as numbered migrations, applied in order by SqliteStore::Open. A migration
// is never edited once released: a schema change is a new entry at the end.
//
// Conventions: times are INTEGER unix seconds UTC; STRICT tables so a wrong type is an error,
// not a silent conversion; one index per hot query (named after it).
#pragma once

#include <span>
#include <string_view>

namespace govwatch::store {

struct Migration {
  int version;  // 1, 2, 3, … without gaps
  std::string_view description;
  std::string_view sql;
};

std::span<const Migration> SqliteMigrations();

}  // namespace govwatch::store
