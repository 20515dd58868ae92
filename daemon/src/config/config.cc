#include "config/config.h"

#include <algorithm>

namespace govwatch::config {
namespace {

// Linear search: Config stays a plain copyable struct without an index to keep in sync, and the
// callers (probe, status page) look up a handful of ids per request, not per item.
template <class T>
const T* FindById(const std::vector<T>& items, const std::string& id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& t) { return t.id == id; });
  return it == items.end() ? nullptr : &*it;
}

const Profile& NationalDefaults() {
  static const Profile kNational;
  return kNational;
}

}  // namespace

const Unit* Config::FindUnit(const std::string& id) const { return FindById(units, id); }
const Site* Config::FindSite(const std::string& id) const { return FindById(sites, id); }
const Account* Config::FindAccount(const std::string& id) const { return FindById(accounts, id); }
const Channel* Config::FindChannel(const std::string& name) const {
  const auto it =
      std::find_if(channels.begin(), channels.end(), [&](const Channel& c) { return c.name == name; });
  return it == channels.end() ? nullptr : &*it;
}

const Profile& Config::ProfileFor(const std::string& profile_id) const {
  if (!profile_id.empty()) {
    const auto it = profiles.find(profile_id);
    if (it != profiles.end()) return it->second;
  }
  const auto fallback = profiles.find(default_profile);
  if (fallback != profiles.end()) return fallback->second;
  // Only a hand-built Config can lack its profiles; a loaded one always has them.
  return NationalDefaults();
}

size_t Config::ColumnCount() const {
  size_t n = 0;
  for (const Site& s : sites) n += s.columns.size();
  return n;
}

}  // namespace govwatch::config
