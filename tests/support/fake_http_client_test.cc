#include "fake_http_client.h"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace govwatch::testing {
namespace {

fetch::Response FetchNow(FakeHttpClient& client, std::string url) {
  boost::asio::io_context io;
  fetch::Request request;
  request.url = std::move(url);
  auto future = boost::asio::co_spawn(io, client.Fetch(std::move(request)), boost::asio::use_future);
  io.run();
  return future.get();
}

TEST(FakeHttpClientTest, AnswersCannedPagesAndFailures) {
  FakeHttpClient client;
  client.SetPage("http://a.gov.cn/", "<html>首页</html>");
  client.SetFailure("http://b.gov.cn/", fetch::FailureReason::kBlocked, "blocked by 安全狗");

  const fetch::Response page = FetchNow(client, "http://a.gov.cn/");
  EXPECT_TRUE(page.ok());
  EXPECT_EQ(page.body, "<html>首页</html>");
  EXPECT_EQ(page.final_url, "http://a.gov.cn/");

  const fetch::Response blocked = FetchNow(client, "http://b.gov.cn/");
  EXPECT_EQ(blocked.failure, fetch::FailureReason::kBlocked);
  EXPECT_EQ(blocked.detail, "blocked by 安全狗");

  const fetch::Response missing = FetchNow(client, "http://c.gov.cn/");
  EXPECT_EQ(missing.failure, fetch::FailureReason::kHttpStatus);
  EXPECT_EQ(missing.status, 404);

  ASSERT_EQ(client.requests().size(), 3u);
  EXPECT_EQ(client.requests()[2].url, "http://c.gov.cn/");
}

}  // namespace
}  // namespace govwatch::testing
