#include "fetch/blocked.h"

#include <gtest/gtest.h>

namespace govwatch::fetch {
namespace {

struct Case {
  const char* name;
  int status;
  std::string body;
  std::optional<std::string> expected;
};

class DetectBlockedTest : public ::testing::TestWithParam<Case> {};

TEST_P(DetectBlockedTest, Detects) {
  EXPECT_EQ(DetectBlocked(GetParam().status, GetParam().body), GetParam().expected);
}

const std::string kLongPage(20'000, 'a');

INSTANTIATE_TEST_SUITE_P(
    Signatures, DetectBlockedTest,
    ::testing::Values(
        Case{"Safedog", 200, "<html>网站防火墙 — 安全狗 拦截</html>", "安全狗 (safedog)"},
        Case{"Yunsuo", 200, "<script>document.cookie='yunsuo_session_verify=1'</script>",
             "云锁 (yunsuo)"},
        Case{"Jiasule", 521, "<script>document.cookie='__jsl_clearance=1'</script>",
             "加速乐 (jiasule)"},
        Case{"Cloudflare", 403, "<html><head><title>Just a moment...</title></head></html>",
             "Cloudflare challenge"},
        Case{"AccessDeniedShort", 403, "<h1>Access Denied</h1>", "Access Denied"},
        Case{"SlideCaptcha", 200, "<div>请完成滑动验证</div>", "滑动验证"},
        Case{"EnableJs", 200, "<noscript>请开启JavaScript后访问</noscript>", "请开启JavaScript"},
        Case{"RiversChallenge412", 412, "<html><script>var x=1;</script></html>",
             "HTTP 412 JavaScript challenge"},
        // A 留言 page with a 验证码 field is an ordinary long page.
        Case{"CaptchaFieldOnLongPage", 200, kLongPage + "<label>验证码</label>", std::nullopt},
        Case{"StrongSignatureOnLongPage", 200, "<script src=/safedog.js></script>" + kLongPage,
             "安全狗 (safedog)"},
        Case{"OrdinaryPage", 200, "<html><ul><li>通知公告</li></ul></html>", std::nullopt},
        Case{"Plain403", 403, "<h1>Forbidden</h1>", std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace govwatch::fetch
