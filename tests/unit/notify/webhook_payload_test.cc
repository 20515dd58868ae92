// Webhook bodies, the DingTalk signature (vector computed independently with Python's hmac), and
// the sent / retry / permanent verdicts on server answers.
#include "notify/webhook_payload.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace govwatch::notify {
namespace {

namespace json = boost::json;
using Type = config::Channel::Type;
using Kind = SendOutcome::Kind;

core::Notification Sample() {
  core::Notification n;
  n.channel = "robot";
  n.subject = "首页两周未更新";
  n.text = "原州区人民政府网站首页已 15 天未更新。";
  n.html = "<p>…</p>";
  n.dedup_key = "fire:1:1";
  n.created_at = core::Timestamp{std::chrono::seconds{1624953600}};
  return n;
}

TEST(WebhookBodyTest, GenericCarriesEveryField) {
  const json::object body = json::parse(GenericWebhookBody(Sample())).as_object();
  EXPECT_EQ(body.at("subject").as_string(), "首页两周未更新");
  EXPECT_EQ(body.at("text").as_string(), Sample().text);
  EXPECT_EQ(body.at("html").as_string(), "<p>…</p>");
  EXPECT_EQ(body.at("channel").as_string(), "robot");
  EXPECT_EQ(body.at("created_at").as_string(), "2021-06-29T08:00:00Z");
  EXPECT_EQ(body.at("dedup_key").as_string(), "fire:1:1");
}

TEST(WebhookBodyTest, DingTalkMarkdown) {
  EXPECT_EQ(DingTalkBody(Sample()),
            R"({"msgtype":"markdown","markdown":{"title":"首页两周未更新","text":"#### 首页两周未更新\n\n原州区人民政府网站首页已 15 天未更新。"}})");
}

TEST(WebhookBodyTest, WeComMarkdown) {
  EXPECT_EQ(WeComBody(Sample()),
            R"({"msgtype":"markdown","markdown":{"content":"**首页两周未更新**\n\n原州区人民政府网站首页已 15 天未更新。"}})");
}

TEST(WebhookBodyTest, WeComCutsLongTextAtACharacterBoundary) {
  core::Notification n = Sample();
  n.text.clear();
  for (int i = 0; i < 3000; ++i) n.text += "未";
  const json::object body = json::parse(WeComBody(n)).as_object();
  const std::string content(body.at("markdown").as_object().at("content").as_string());
  EXPECT_LE(content.size(), kWeComMaxBytes);
  EXPECT_TRUE(content.ends_with("未…"));
}

TEST(TruncateUtf8Test, NeverSplitsACharacter) {
  EXPECT_EQ(TruncateUtf8("abc", 3), "abc");
  EXPECT_EQ(TruncateUtf8("中文字", 8), "中…");  // 9 bytes; "中" + "…" = 6
  EXPECT_EQ(TruncateUtf8("中文字", 7), "中…");
}

TEST(DingTalkSignatureTest, MatchesAnIndependentHmacSha256) {
  // python3: quote_plus(b64encode(hmac.new(secret, f"{ts}\n{secret}", sha256).digest()))
  EXPECT_EQ(DingTalkSignature(1624953600000, "SECtestsecret123"),
            "djYrubPOGrjbRY3mtDQeaKWbeFvtp8g73I5Lk%2Bsln%2F4%3D");
  EXPECT_EQ(DingTalkSignedUrl("https://oapi.dingtalk.com/robot/send?access_token=T",
                              1624953600000, "SECtestsecret123"),
            "https://oapi.dingtalk.com/robot/send?access_token=T&timestamp=1624953600000"
            "&sign=djYrubPOGrjbRY3mtDQeaKWbeFvtp8g73I5Lk%2Bsln%2F4%3D");
  EXPECT_TRUE(DingTalkSignedUrl("http://h/send", 1, "s").starts_with("http://h/send?timestamp=1&"));
}

struct ReplyCase {
  const char* name;
  Type type;
  long status;
  const char* body;
  Kind expected;
};

TEST(ClassifyHttpReplyTest, Table) {
  const ReplyCase cases[] = {
      {"webhook 200", Type::kWebhook, 200, "whatever", Kind::kSent},
      {"webhook 204", Type::kWebhook, 204, "", Kind::kSent},
      {"webhook 400 is permanent", Type::kWebhook, 400, "bad", Kind::kPermanent},
      {"webhook 404 is permanent", Type::kWebhook, 404, "", Kind::kPermanent},
      {"webhook 301 is permanent", Type::kWebhook, 301, "", Kind::kPermanent},
      {"webhook 408 retries", Type::kWebhook, 408, "", Kind::kRetry},
      {"webhook 429 retries", Type::kWebhook, 429, "", Kind::kRetry},
      {"webhook 500 retries", Type::kWebhook, 500, "", Kind::kRetry},
      {"webhook 503 retries", Type::kWebhook, 503, "", Kind::kRetry},
      {"dingtalk ok", Type::kDingTalk, 200, R"({"errcode":0,"errmsg":"ok"})", Kind::kSent},
      {"dingtalk bad sign", Type::kDingTalk, 200,
       R"({"errcode":310000,"errmsg":"sign not match"})", Kind::kPermanent},
      {"dingtalk too fast", Type::kDingTalk, 200, R"({"errcode":130101,"errmsg":"send too fast"})",
       Kind::kRetry},
      {"dingtalk not json", Type::kDingTalk, 200, "<html>", Kind::kRetry},
      {"wecom ok", Type::kWeCom, 200, R"({"errcode":0,"errmsg":"ok"})", Kind::kSent},
      {"wecom invalid key", Type::kWeCom, 200, R"({"errcode":93000,"errmsg":"invalid webhook url"})",
       Kind::kPermanent},
      {"wecom freq limit", Type::kWeCom, 200, R"({"errcode":45009,"errmsg":"api freq out of limit"})",
       Kind::kRetry},
      {"wecom busy", Type::kWeCom, 200, R"({"errcode":-1,"errmsg":"system busy"})", Kind::kRetry},
      {"wecom 502", Type::kWeCom, 502, "", Kind::kRetry},
  };
  for (const ReplyCase& c : cases) {
    EXPECT_EQ(ClassifyHttpReply(c.type, c.status, c.body).kind, c.expected) << c.name;
  }
  EXPECT_EQ(ClassifyHttpReply(Type::kDingTalk, 200, R"({"errcode":310000,"errmsg":"sign not match"})")
                .detail,
            "http 200: robot errcode 310000 (sign not match)");
}

}  // namespace
}  // namespace govwatch::notify
