#include "store/sqlite_statement.h"

#include <sqlite3.h>

namespace govwatch::store {

core::Error SqliteError(sqlite3* db, std::string_view context) {
  std::string message = "store: " + std::string(context) + ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  return core::MakeError(std::move(message));
}

core::Status Exec(sqlite3* db, std::string_view sql, std::string_view context) {
  if (sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db, context);
  }
  return {};
}

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }

core::Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, "prepare '" + std::string(sql) + "'");
  Statement statement;
  statement.db_ = db;
  statement.stmt_.reset(raw);
  statement.sql_ = std::string(sql);
  return statement;
}

void Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_.get(), index, value);
}

void Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_.get(), index, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
}

void Statement::Bind(int index, const std::optional<std::int64_t>& value) {
  if (value) {
    Bind(index, *value);
  } else {
    BindNull(index);
  }
}

void Statement::BindNull(int index) { sqlite3_bind_null(stmt_.get(), index); }

core::Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, sql_);
}

core::Status Statement::Run() {
  auto stepped = Step();
  if (!stepped) return stepped.error();
  return {};
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (IsNull(column)) return std::nullopt;
  return Int(column);
}

std::string Statement::Text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_.get(), column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column)));
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
}

void Statement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

core::Result<std::unique_ptr<Transaction>> Transaction::Begin(sqlite3* db) {
  if (auto status = Exec(db, "BEGIN IMMEDIATE", "begin transaction"); !status) {
    return status.error();
  }
  return std::unique_ptr<Transaction>(new Transaction(db));
}

Transaction::~Transaction() {
  // A failed operation leaves its partial writes behind; undo them. The error that made us
  // leave early is what the caller reports.
  if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

core::Status Transaction::Commit() {
  done_ = true;
  if (auto status = Exec(db_, "COMMIT", "commit"); !status) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    return status;
  }
  return {};
}

}  // namespace govwatch::store
