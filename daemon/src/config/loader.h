// Loading a configuration file: YAML → a complete, validated Config, or every problem found.
//
// The loader decodes onto the documented defaults of config.h, rejects unknown keys, resolves
// `${VAR}` / `${VAR:-default}` in scalar values, checks every reference, URL, XPath, time zone,
// duration and e-mail address, and reports ALL problems at once, sorted by position, each with
// the file:line:col of the offending node (docs/configuration.md lists the keys and messages).
//
// Pure apart from reading the file (LoadConfigFile), the environment (through EnvLookup) and the
// time zone database; safe to call from several threads at once.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/diagnostic.h"

namespace govwatch::config {

struct LoadResult {
  std::optional<Config> config;  // set exactly when diagnostics is empty
  std::vector<Diagnostic> diagnostics;
};

// Returns the value of an environment variable, nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment (getenv).
EnvLookup ProcessEnv();

// Reads and loads `path`. A file that cannot be read gives one diagnostic with line 0:
// "PATH: cannot read configuration file: No such file or directory".
LoadResult LoadConfigFile(const std::string& path);
LoadResult LoadConfigFile(const std::string& path, const EnvLookup& env);

// Loads YAML text; `file_name_for_messages` is the FILE in diagnostics and Config::source_file.
LoadResult LoadConfigString(std::string_view yaml, const std::string& file_name_for_messages);
LoadResult LoadConfigString(std::string_view yaml, const std::string& file_name_for_messages,
                            const EnvLookup& env);

}  // namespace govwatch::config
