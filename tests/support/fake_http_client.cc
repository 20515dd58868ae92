#include "fake_http_client.h"

namespace govwatch::testing {

void FakeHttpClient::Set(const std::string& url, fetch::Response response) {
  if (response.final_url.empty()) response.final_url = url;
  if (response.attempts == 0) response.attempts = 1;
  responses_[url] = std::move(response);
}

void FakeHttpClient::SetPage(const std::string& url, std::string html) {
  fetch::Response r;
  r.status = 200;
  r.content_type = "text/html";
  r.charset = "UTF-8";
  r.wire_bytes = html.size();
  r.body = std::move(html);
  Set(url, std::move(r));
}

void FakeHttpClient::SetFailure(const std::string& url, fetch::FailureReason reason,
                                std::string detail) {
  fetch::Response r;
  r.failure = reason;
  r.detail = detail.empty() ? std::string(fetch::ToString(reason)) : std::move(detail);
  Set(url, std::move(r));
}

boost::asio::awaitable<fetch::Response> FakeHttpClient::Fetch(fetch::Request request) {
  requests_.push_back(request);
  auto it = responses_.find(request.url);
  if (it != responses_.end()) co_return it->second;
  fetch::Response r;
  r.failure = fetch::FailureReason::kHttpStatus;
  r.status = 404;
  r.final_url = request.url;
  r.attempts = 1;
  r.detail = "FakeHttpClient: no canned response for " + request.url;
  co_return r;
}

}  // namespace govwatch::testing
