// Thin RAII wrappers over the SQLite C API, for the store's own use: a prepared Statement
// (cached by SqliteStore for the life of the connection), a guard that resets it after use so no
// read snapshot stays open, and an IMMEDIATE Transaction that rolls back unless committed.
//
// Not thread-safe; each belongs to one connection.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace govwatch::store {

// "store: <context>: <sqlite message>".
core::Error SqliteError(sqlite3* db, std::string_view context);

// Runs SQL text that returns no rows (may hold several statements).
core::Status Exec(sqlite3* db, std::string_view sql, std::string_view context);

class Statement {
 public:
  Statement() = default;
  static core::Result<Statement> Prepare(sqlite3* db, std::string_view sql);

  // Parameters are 1-based, as in SQLite.
  void Bind(int index, std::int64_t value);
  void Bind(int index, std::string_view value);
  void Bind(int index, const std::optional<std::int64_t>& value);
  void BindNull(int index);

  // Advances: true when a row is available, false when done, Error on failure.
  core::Result<bool> Step();
  // Runs a statement that returns no rows to completion.
  core::Status Run();

  std::int64_t Int(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;
  std::string Text(int column) const;
  bool IsNull(int column) const;

  // Back to the start with all parameters cleared.
  void Reset();

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* stmt) const;
  };
  sqlite3* db_ = nullptr;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
  std::string sql_;
};

// Resets a statement when leaving scope.
class ScopedReset {
 public:
  explicit ScopedReset(Statement& statement) : statement_(statement) {}
  ~ScopedReset() { statement_.Reset(); }
  ScopedReset(const ScopedReset&) = delete;
  ScopedReset& operator=(const ScopedReset&) = delete;

 private:
  Statement& statement_;
};

// BEGIN IMMEDIATE: takes the write lock up front, so a transaction never fails half-way on
// SQLITE_BUSY when upgrading a read lock.
class Transaction {
 public:
  static core::Result<std::unique_ptr<Transaction>> Begin(sqlite3* db);
  ~Transaction();
  core::Status Commit();

  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  explicit Transaction(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace govwatch::store
