// govwatch-fixture-server: serves a directory of fixture pages on 127.0.0.1 for the demo, the
// end-to-end tests and the fetch benchmark.
//
//   govwatch-fixture-server --root DIR [--port N] [--port-file FILE] [--now ISO8601]
//                           [--threads N] [--verbose]
//
// Files are served with a Content-Type chosen by extension. Text files have their templates
// expanded (date_template.h) on each request, relative to --now (default: the current time). A
// file whose name contains ".gbk." is stored as UTF-8 and served transcoded to GBK, labelled
// charset=gbk. An extensionless path without a file is served from PATH.json (API routes such
// as /cgi-bin/token; the query string is ignored). The chosen port is written to --port-file once the server listens. Stops on
// SIGTERM or SIGINT with exit status 0.
#include <cctype>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <unordered_map>

#include "core/time.h"
#include "date_template.h"
#include "fixture_server.h"

namespace {

namespace fs = std::filesystem;
using govwatch::testing::FixtureRequest;
using govwatch::testing::Reply;

struct Args {
  fs::path root;
  int port = 0;
  std::string port_file;
  std::optional<govwatch::core::Timestamp> now;
  int threads = 2;
  bool verbose = false;
};

[[noreturn]] void Usage(const std::string& error) {
  std::cerr << "govwatch-fixture-server: " << error << "\n"
            << "usage: govwatch-fixture-server --root DIR [--port N] [--port-file FILE] "
               "[--now ISO8601] [--threads N] [--verbose]\n";
  std::exit(2);
}

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(flag + " needs a value");
      return argv[++i];
    };
    if (flag == "--root") {
      args.root = value();
    } else if (flag == "--port") {
      args.port = std::stoi(value());
    } else if (flag == "--port-file") {
      args.port_file = value();
    } else if (flag == "--now") {
      auto now = govwatch::core::ParseIso8601(value(), std::chrono::hours(8));
      if (!now.ok()) Usage("--now: " + now.error().message);
      args.now = *now;
    } else if (flag == "--threads") {
      args.threads = std::stoi(value());
    } else if (flag == "--verbose") {
      args.verbose = true;
    } else {
      Usage("unknown argument " + flag);
    }
  }
  if (args.root.empty()) Usage("--root is required");
  if (!fs::is_directory(args.root)) Usage("--root " + args.root.string() + " is not a directory");
  if (args.port < 0 || args.port > 65535) Usage("--port out of range");
  return args;
}

std::string ContentType(const fs::path& path, bool gbk) {
  const std::string ext = path.extension().string();
  const std::string charset = gbk ? "gbk" : "utf-8";
  if (ext == ".html" || ext == ".htm" || ext == ".shtml") return "text/html; charset=" + charset;
  if (ext == ".xml" || ext == ".rss") return "application/xml; charset=" + charset;
  if (ext == ".atom") return "application/atom+xml; charset=" + charset;
  if (ext == ".json") return "application/json; charset=" + charset;
  if (ext == ".txt") return "text/plain; charset=" + charset;
  if (ext == ".css") return "text/css; charset=" + charset;
  if (ext == ".js") return "application/javascript; charset=" + charset;
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".gif") return "image/gif";
  if (ext == ".pdf") return "application/pdf";
  return "application/octet-stream";
}

bool IsText(const std::string& content_type) { return content_type.find("charset=") != std::string::npos; }

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Files are read once: the server is also a benchmark target.
class FileCache {
 public:
  std::optional<std::string> Get(const fs::path& path) {
    std::lock_guard lock(mu_);
    auto it = files_.find(path.string());
    if (it != files_.end()) return it->second;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream content;
    content << in.rdbuf();
    return files_[path.string()] = content.str();
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::string> files_;
};

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  const fs::path root = fs::canonical(args.root);

  // Signals are taken synchronously by sigwait below; the server threads inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  govwatch::testing::FixtureServer::Options options;
  options.port = static_cast<std::uint16_t>(args.port);
  options.threads = args.threads;
  govwatch::testing::FixtureServer server(options);
  const std::uint16_t port = server.port();
  FileCache cache;

  server.SetFallback([&](const FixtureRequest& request) {
    if (args.verbose) std::cerr << request.method << " " << request.target << "\n";
    Reply reply;
    std::string relative = PercentDecode(request.path);
    if (relative.empty() || relative.back() == '/') relative += "index.html";
    const fs::path path = (root / relative.substr(1)).lexically_normal();
    const std::string path_text = path.string();
    if (path_text.compare(0, root.string().size(), root.string()) != 0 ||
        relative.find("..") != std::string::npos) {
      reply.status = 403;
      reply.body = "forbidden";
      return reply;
    }
    fs::path served = path;
    std::optional<std::string> content = cache.Get(path);
    // API routes have no extension (/cgi-bin/token, /api/container/getIndex): served from the
    // file with ".json" appended, as JSON (templates expanded). The query is ignored.
    if (!content && !path.has_extension()) {
      served = fs::path(path_text + ".json");
      content = cache.Get(served);
    }
    if (!content) {
      reply.status = 404;
      reply.Header("Content-Type", "text/html; charset=utf-8");
      reply.body = "<html><body><h1>404 页面不存在</h1></body></html>";
      return reply;
    }
    const bool gbk = served.filename().string().find(".gbk.") != std::string::npos;
    const std::string content_type = ContentType(served, gbk);
    reply.Header("Content-Type", content_type);
    if (!IsText(content_type)) {
      reply.body = std::move(*content);
      return reply;
    }
    const auto now = args.now.value_or(
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    if (content->find("{{") != std::string::npos)
      *content = govwatch::testing::ExpandTemplates(*content, now, port);
    reply.body = gbk ? govwatch::testing::Utf8ToGbk(*content) : std::move(*content);
    return reply;
  });

  if (!args.port_file.empty()) {
    // Written then renamed, so a reader never sees a partial number.
    const std::string tmp = args.port_file + ".tmp";
    std::ofstream(tmp) << port << "\n";
    std::rename(tmp.c_str(), args.port_file.c_str());
  }
  if (args.verbose) std::cerr << "serving " << root << " on http://127.0.0.1:" << port << "/\n";

  int signal = 0;
  sigwait(&signals, &signal);
  return 0;
}
