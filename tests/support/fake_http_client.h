// FakeHttpClient: an HttpClient for other modules' tests, answering canned Responses by URL.
//
// A URL without a canned Response answers kHttpStatus 404 (so a missing fixture shows up as a
// failure, not as an empty page). Every Request is recorded for assertions. Thread-safety: none;
// use from one thread, like the real client.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "fetch/http_client.h"

namespace govwatch::testing {

class FakeHttpClient final : public fetch::HttpClient {
 public:
  // Canned answer for `url`; final_url is set to `url` when left empty.
  void Set(const std::string& url, fetch::Response response);
  // A 200 text/html UTF-8 page.
  void SetPage(const std::string& url, std::string html);
  // A failure such as kTimeout or kBlocked.
  void SetFailure(const std::string& url, fetch::FailureReason reason, std::string detail = {});

  boost::asio::awaitable<fetch::Response> Fetch(fetch::Request request) override;

  const std::vector<fetch::Request>& requests() const { return requests_; }

 private:
  std::map<std::string, fetch::Response> responses_;
  std::vector<fetch::Request> requests_;
};

}  // namespace govwatch::testing
