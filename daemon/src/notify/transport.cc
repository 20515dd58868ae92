#include "notify/transport.h"

#include "notify/smtp_sender.h"
#include "notify/webhook_sender.h"

namespace govwatch::notify {
namespace {

class CurlTransport final : public Transport {
 public:
  SendOutcome Send(const config::Channel& channel, const core::Notification& notification,
                   const Envelope& envelope) override {
    switch (channel.type) {
      case config::Channel::Type::kEmail:
        return SendMail(channel, notification, envelope);
      case config::Channel::Type::kWebhook:
      case config::Channel::Type::kDingTalk:
      case config::Channel::Type::kWeCom:
        return SendWebhook(channel, notification, envelope);
    }
    return SendOutcome::Permanent("unknown channel type");
  }
};

}  // namespace

std::unique_ptr<Transport> MakeCurlTransport() { return std::make_unique<CurlTransport>(); }

}  // namespace govwatch::notify
