// Webhooks against the loopback FixtureServer: the generic JSON POST with configured headers,
// DingTalk (markdown, 加签 verified with an independent HMAC) and WeCom, robot errcodes, retries
// and dead letters through the Deliverer, timeouts, and a delivery process killed mid-pile.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <signal.h>

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <map>
#include <mutex>

#include "fixture_server.h"
#include "notify/deliverer.h"
#include "notify_test_util.h"

namespace govwatch::notify {
namespace {

namespace json = boost::json;
using govwatch::testing::FixtureRequest;
using govwatch::testing::FixtureServer;
using govwatch::testing::Reply;
using std::chrono::seconds;
using testing::At;
using testing::Note;
using testing::OutboxFixture;
using Type = config::Channel::Type;

config::Channel Hook(std::string name, Type type, std::string url) {
  config::Channel c;
  c.name = std::move(name);
  c.type = type;
  c.url = std::move(url);
  return c;
}

Reply Json(int status, std::string body) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  r.Header("Content-Type", "application/json");
  return r;
}

// Requests a handler saw, for inspection after the fact.
struct Recorder {
  std::mutex mutex;
  std::vector<FixtureRequest> requests;
  void Add(const FixtureRequest& r) {
    std::lock_guard lock(mutex);
    requests.push_back(r);
  }
};

std::string QueryParam(const std::string& target, const std::string& name) {
  const size_t at = target.find(name + "=");
  if (at == std::string::npos) return {};
  const size_t start = at + name.size() + 1;
  return target.substr(start, target.find('&', start) - start);
}

// DingTalk's documented algorithm, with OpenSSL's own base64 (not notify's).
std::string ExpectedSign(const std::string& timestamp, const std::string& secret) {
  const std::string data = timestamp + "\n" + secret;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  unsigned char b64[128];
  const int n = EVP_EncodeBlock(b64, mac, static_cast<int>(len));
  std::string out;
  for (int i = 0; i < n; ++i) {
    const char c = static_cast<char>(b64[i]);
    if (c == '+') out += "%2B";
    else if (c == '/') out += "%2F";
    else if (c == '=') out += "%3D";
    else out += c;
  }
  return out;
}

SendOutcome SendNow(const config::Channel& channel, seconds timeout = seconds{5}) {
  return MakeCurlTransport()->Send(channel, Note(channel.name, "k:1", 1624953600),
                                   Envelope{1, At(1624953600), timeout});
}

TEST(WebhookChannelTest, GenericPostCarriesTheNotificationAndConfiguredHeaders) {
  FixtureServer server;
  Recorder recorder;
  server.Route("/hook", [&recorder](const FixtureRequest& r) {
    recorder.Add(r);
    return Json(200, "{}");
  });
  config::Channel channel = Hook("hook", Type::kWebhook, server.Url("/hook"));
  channel.headers = {{"Authorization", "Bearer t0k"}, {"X-Source", "govwatch"}};
  const SendOutcome outcome = SendNow(channel);
  EXPECT_EQ(outcome.kind, SendOutcome::Kind::kSent) << outcome.detail;
  ASSERT_EQ(recorder.requests.size(), 1u);
  const FixtureRequest& r = recorder.requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.Header("authorization"), "Bearer t0k");
  EXPECT_EQ(r.Header("x-source"), "govwatch");
  EXPECT_EQ(r.Header("content-type"), "application/json; charset=utf-8");
  const json::object body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("subject").as_string(), "首页两周未更新");
  EXPECT_EQ(body.at("channel").as_string(), "hook");
  EXPECT_EQ(body.at("dedup_key").as_string(), "k:1");
  EXPECT_EQ(body.at("created_at").as_string(), "2021-06-29T08:00:00Z");
  EXPECT_EQ(body.at("html").as_string(), "<p>原州区人民政府网站首页已 15 天未更新。</p>");
}

TEST(WebhookChannelTest, DingTalkSignedMarkdownVerifiesOnTheServer) {
  FixtureServer server;
  Recorder recorder;
  const std::string secret = "SEC0123456789abcdef";
  server.Route("/robot/send", [&](const FixtureRequest& r) {
    recorder.Add(r);
    const std::string timestamp = QueryParam(r.target, "timestamp");
    if (QueryParam(r.target, "sign") != ExpectedSign(timestamp, secret)) {
      return Json(200, R"({"errcode":310000,"errmsg":"sign not match"})");
    }
    return Json(200, R"({"errcode":0,"errmsg":"ok"})");
  });
  config::Channel channel =
      Hook("ding", Type::kDingTalk, server.Url("/robot/send?access_token=abc"));
  channel.secret = secret;
  const SendOutcome ok = SendNow(channel);
  EXPECT_EQ(ok.kind, SendOutcome::Kind::kSent) << ok.detail;
  ASSERT_EQ(recorder.requests.size(), 1u);
  EXPECT_EQ(QueryParam(recorder.requests[0].target, "access_token"), "abc");
  EXPECT_EQ(QueryParam(recorder.requests[0].target, "timestamp"), "1624953600000");
  const json::object body = json::parse(recorder.requests[0].body).as_object();
  EXPECT_EQ(body.at("msgtype").as_string(), "markdown");
  EXPECT_EQ(body.at("markdown").at("title").as_string(), "首页两周未更新");

  channel.secret = "SECwrong";
  const SendOutcome bad = SendNow(channel);
  EXPECT_EQ(bad.kind, SendOutcome::Kind::kPermanent) << bad.detail;
  EXPECT_EQ(bad.detail, "webhook: http 200: robot errcode 310000 (sign not match)");
}

TEST(WebhookChannelTest, WeComMarkdown) {
  FixtureServer server;
  Recorder recorder;
  server.Route("/cgi-bin/webhook/send", [&recorder](const FixtureRequest& r) {
    recorder.Add(r);
    return Json(200, R"({"errcode":0,"errmsg":"ok"})");
  });
  const SendOutcome ok =
      SendNow(Hook("wecom", Type::kWeCom, server.Url("/cgi-bin/webhook/send?key=K")));
  EXPECT_EQ(ok.kind, SendOutcome::Kind::kSent) << ok.detail;
  ASSERT_EQ(recorder.requests.size(), 1u);
  const json::object body = json::parse(recorder.requests[0].body).as_object();
  EXPECT_EQ(body.at("msgtype").as_string(), "markdown");
  EXPECT_EQ(body.at("markdown").at("content").as_string(),
            "**首页两周未更新**\n\n原州区人民政府网站首页已 15 天未更新。");
}

TEST(WebhookChannelTest, ATimeoutIsTransient) {
  FixtureServer server;
  Reply slow = Json(200, "{}");
  slow.delay = std::chrono::milliseconds{3000};
  server.Route("/slow", slow);
  const SendOutcome outcome = SendNow(Hook("hook", Type::kWebhook, server.Url("/slow")), seconds{1});
  EXPECT_EQ(outcome.kind, SendOutcome::Kind::kRetry) << outcome.detail;
}

TEST(WebhookChannelTest, DelivererRetries5xxAnd429ThenSendsOnceAndDeadLetters4xxAtOnce) {
  OutboxFixture f;
  FixtureServer server;
  server.Route("/flaky", [](const FixtureRequest& r) {
    if (r.count == 1) return Json(503, "busy");
    if (r.count == 2) return Json(429, "slow down");
    return Json(200, "{}");
  });
  server.Route("/gone", Json(404, "no such hook"));
  server.Route("/robot", [](const FixtureRequest& r) {
    return r.count == 1 ? Json(200, R"({"errcode":130101,"errmsg":"send too fast"})")
                        : Json(200, R"({"errcode":0})");
  });
  config::OutboxSettings settings;
  settings.initial_backoff = seconds{10};
  settings.max_attempts = 5;
  settings.send_timeout = seconds{5};
  Deliverer deliverer(*f.outbox,
                      {Hook("flaky", Type::kWebhook, server.Url("/flaky")),
                       Hook("gone", Type::kWebhook, server.Url("/gone")),
                       Hook("robot", Type::kDingTalk, server.Url("/robot"))},
                      settings, nullptr);
  for (const char* channel : {"flaky", "gone", "robot"}) {
    ASSERT_TRUE(f.outbox->Enqueue(Note(channel, "k", 1000)).ok());
  }
  EXPECT_EQ(deliverer.DeliverDue(At(1000)).value(), 0);
  EXPECT_EQ(f.outbox->DeadLetters()->size(), 1u);  // /gone, after one request
  EXPECT_EQ(deliverer.DeliverDue(At(1010)).value(), 1);  // robot; flaky got 429
  EXPECT_EQ(deliverer.DeliverDue(At(1029)).value(), 0);  // flaky waits 20 s after attempt 2
  EXPECT_EQ(deliverer.DeliverDue(At(1030)).value(), 1);
  EXPECT_EQ(deliverer.DeliverDue(At(99999)).value(), 0);
  EXPECT_EQ(server.Count("/flaky"), 3);
  EXPECT_EQ(server.Count("/gone"), 1);
  EXPECT_EQ(server.Count("/robot"), 2);
  const auto dead = f.outbox->DeadLetters().value();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].notification.channel, "gone");
  EXPECT_EQ(dead[0].last_error, "webhook: http 404: no such hook");
}

TEST(WebhookChannelTest, ADeliveryProcessKilledMidPileLeavesNoDuplicatesBeyondTheOneInFlight) {
  OutboxFixture f;
  FixtureServer server(FixtureServer::Options{.tls = false, .threads = 2});
  std::mutex mutex;
  std::map<std::string, int> arrivals;  // dedup_key → requests
  server.Route("/hook", [&](const FixtureRequest& r) {
    {
      std::lock_guard lock(mutex);
      ++arrivals[std::string(json::parse(r.body).at("dedup_key").as_string())];
    }
    Reply reply = Json(200, "{}");
    reply.delay = std::chrono::milliseconds{40};
    return reply;
  });
  constexpr int kPile = 60;
  for (int i = 0; i < kPile; ++i) {
    ASSERT_TRUE(f.outbox->Enqueue(Note("hook", "k" + std::to_string(i), 1000)).ok());
  }
  {
    e2e::BackgroundProcess deliverer({NOTIFY_DELIVER, f.path, server.Url("/hook")}, {});
    ASSERT_TRUE(e2e::WaitFor([&] { return server.Count("/hook") >= 20; }, std::chrono::seconds{20}))
        << deliverer.Stderr();
    deliverer.Signal(SIGKILL);
    deliverer.Wait(std::chrono::seconds{5});
  }
  const int before_restart = server.Count("/hook");
  ASSERT_LT(before_restart, kPile) << "the kill came too late to test a restart";
  // A new deliverer (the restarted daemon) once the dead one's lease has run out.
  config::OutboxSettings settings;
  settings.send_timeout = seconds{5};
  Deliverer restarted(*f.outbox, {Hook("hook", Type::kWebhook, server.Url("/hook"))}, settings,
                      nullptr);
  const auto now = std::chrono::time_point_cast<seconds>(std::chrono::system_clock::now());
  ASSERT_TRUE(restarted.DeliverDue(now + 2 * settings.send_timeout + seconds{61}).ok());
  EXPECT_EQ(f.outbox->Stats(now)->sent, kPile);
  std::lock_guard lock(mutex);
  ASSERT_EQ(arrivals.size(), static_cast<size_t>(kPile));
  int repeats = 0;
  for (const auto& [key, count] : arrivals) {
    EXPECT_LE(count, 2) << key;
    repeats += count - 1;
  }
  // At most the message in flight at the kill is sent twice (see outbox.h).
  EXPECT_LE(repeats, 1);
}

}  // namespace
}  // namespace govwatch::notify
