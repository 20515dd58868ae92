#include "alert/service.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "alert/routing.h"
#include "alert/silence.h"

namespace govwatch::alert {
namespace {

constexpr char kLastDigestDate[] = "last_digest_date";

std::vector<OpenFinding> ToOpen(const std::vector<store::StoredFinding>& stored) {
  std::vector<OpenFinding> out;
  out.reserve(stored.size());
  for (const auto& s : stored) {
    if (!s.resolved_at) out.push_back(OpenFinding{s.finding, s.first_seen_at});
  }
  return out;
}

std::string LocalDate(std::chrono::local_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace

Policy PolicyOf(const config::AlertSettings& s) {
  Policy p;
  p.for_observations = s.for_observations;
  p.for_duration = s.for_duration;
  p.reminder_initial = s.reminder_initial;
  p.reminder_max = s.reminder_max;
  p.send_resolved = s.send_resolved;
  return p;
}

AlertService::AlertService(AlertStore& alerts, store::Store& findings,
                           core::NotificationSink& sink,
                           std::shared_ptr<const config::Config> config)
    : alerts_(alerts), findings_(findings), sink_(sink) {
  (void)SetConfig(std::move(config));
}

core::Status AlertService::SetConfig(std::shared_ptr<const config::Config> config) {
  config_ = std::move(config);
  templates_.clear();
  std::string problems;
  for (const config::Channel& channel : config_->channels) {
    auto t = LoadTemplates(channel);
    if (!t) {
      problems += (problems.empty() ? "" : "; ") + t.error().message;
      continue;
    }
    templates_[channel.name] = std::move(*t);
  }
  if (!problems.empty()) return core::MakeError("alerts: " + problems + " (using built-in)");
  return {};
}

bool AlertService::Muted(const Alert& alert, core::Timestamp now) const {
  const config::AlertSettings& s = config_->alerts;
  if (Silenced(s.silences, alert.finding, now, s.time_zone)) return true;
  return alert.finding.check != kUpstreamCheck &&
         upstream_.Muted(alert.finding.target_id, s.upstream_min_targets);
}

core::Status AlertService::Apply(const Step& step, core::Timestamp now) {
  const config::Config& config = *config_;
  for (const Event& event : step.events) {
    if (!IsImmediate(event.alert.finding)) continue;  // the daily digest reports it
    for (const Recipient& r : RouteFinding(config, event.alert.finding)) {
      auto t = templates_.find(r.channel);
      const Message m =
          RenderEvent(event, config, now, t == templates_.end() ? Templates{} : t->second);
      core::Notification n{r.channel, r.to, m.subject, m.text, m.html, event.DedupKey(), now};
      if (auto s = sink_.Enqueue(n); !s) return s.error().WithContext("alerts: enqueue");
    }
  }
  return alerts_.Save(step.changed);
}

core::Status AlertService::Reconcile(core::Timestamp now) {
  auto active = alerts_.Active();
  if (!active) return active.error();
  std::set<std::string> targets;
  for (const Alert& a : *active) {
    if (a.finding.check != kUpstreamCheck) targets.insert(a.finding.target_id);
  }
  std::vector<OpenFinding> open;
  std::vector<store::StoredFinding> closed;
  for (const std::string& target : targets) {
    store::FindingFilter filter;
    filter.target_id = target;
    filter.include_resolved = true;
    auto stored = findings_.Findings(filter);
    if (!stored) return stored.error();
    for (auto& f : *stored) {
      if (f.resolved_at) {
        closed.push_back(std::move(f));
      } else {
        open.push_back(OpenFinding{std::move(f.finding), f.first_seen_at});
      }
    }
  }
  const auto closed_at = [&closed](const Alert& a) -> std::optional<core::Timestamp> {
    for (const auto& f : closed) {
      if (KeyOf(f.finding) == a.key() && f.first_seen_at == a.started_at) return f.resolved_at;
    }
    return std::nullopt;
  };
  const Step step = alert::Reconcile(*active, open, closed_at, now, PolicyOf(config_->alerts),
                                     [this](const Alert& a, core::Timestamp t) {
                                       return Muted(a, t);
                                     });
  return Apply(step, now);
}

core::Status AlertService::OnObservation(const std::string& target_id,
                                         const std::vector<std::string>& scope, bool succeeded,
                                         core::Timestamp now) {
  ObservationInput input;
  input.target_id = target_id;
  input.scope = scope;
  input.succeeded = succeeded;
  input.now = now;
  if (succeeded) {
    store::FindingFilter filter;
    filter.target_id = target_id;
    auto open = findings_.OpenFindings(filter);
    if (!open) return open.error();
    input.findings = ToOpen(*open);
  }
  auto active = alerts_.Active(target_id);
  if (!active) return active.error();
  const Step step = Observe(*active, input, PolicyOf(config_->alerts),
                            [this](const Alert& a, core::Timestamp t) { return Muted(a, t); });
  return Apply(step, now);
}

core::Status AlertService::OnFetch(const std::string& target_id, bool failed, bool network_down,
                                   core::Timestamp now) {
  const std::string group = failed ? UpstreamGroupOf(*config_, target_id, network_down) : "";
  for (const std::string& changed : upstream_.Record(target_id, failed, group)) {
    ObservationInput input =
        upstream_.InputFor(changed, now, config_->alerts.upstream_min_targets, *config_);
    auto active = alerts_.Active(changed);
    if (!active) return active.error();
    if (!input.findings.empty() && !active->empty()) {
      input.findings.front().first_seen = active->front().started_at;  // the same episode
    }
    const Step step = Observe(*active, input, PolicyOf(config_->alerts),
                              [this](const Alert& a, core::Timestamp t) { return Muted(a, t); });
    if (auto s = Apply(step, now); !s) return s;
  }
  return {};
}

core::Status AlertService::Tick(core::Timestamp now) {
  auto active = alerts_.Active();
  if (!active) return active.error();
  const Step step = alert::Tick(*active, now, PolicyOf(config_->alerts),
                                [this](const Alert& a, core::Timestamp t) { return Muted(a, t); });
  if (auto s = Apply(step, now); !s) return s;
  return Digest(now);
}

core::Status AlertService::Digest(core::Timestamp now) {
  using namespace std::chrono;
  const config::Config& config = *config_;
  const core::TimeZone& tz = config.alerts.time_zone;
  const local_days today = floor<days>(tz.ToLocal(now));
  const core::Timestamp moment = tz.ToUtc(today + config.alerts.digest_time);
  if (now < moment) return {};
  const std::string date = LocalDate(today);
  auto last = alerts_.GetMeta(kLastDigestDate);
  if (!last) return last.error();
  if (*last && **last >= date) return {};

  auto active = alerts_.Active();
  if (!active) return active.error();
  auto resolved = alerts_.ResolvedBetween(moment - days{1}, moment);
  if (!resolved) return resolved.error();
  // unit → channel → (recipients, firing, resolved)
  struct Part {
    std::vector<std::string> to;
    std::vector<Alert> firing;
    std::vector<Alert> resolved;
  };
  std::map<std::string, std::map<std::string, Part>> parts;
  auto add = [&](const Alert& a, bool firing) {
    for (const Recipient& r : RouteFinding(config, a.finding)) {
      Part& part = parts[a.finding.unit_id][r.channel];
      for (const std::string& address : r.to) {
        if (std::find(part.to.begin(), part.to.end(), address) == part.to.end()) {
          part.to.push_back(address);
        }
      }
      (firing ? part.firing : part.resolved).push_back(a);
    }
  };
  for (const Alert& a : *active) {
    if (a.state != AlertState::kFiring || IsImmediate(a.finding) || Muted(a, now)) continue;
    add(a, true);
  }
  for (const Alert& a : *resolved) {
    if (!IsImmediate(a.finding) && !Muted(a, now)) add(a, false);
  }
  for (const auto& [unit, channels] : parts) {
    for (const auto& [channel, part] : channels) {
      const Message m = RenderDigest(unit, date, part.firing, part.resolved, config, now);
      core::Notification n{channel, part.to, m.subject, m.text, m.html,
                           "digest:" + unit + ":" + date, now};
      if (auto s = sink_.Enqueue(n); !s) return s.error().WithContext("alerts: enqueue digest");
    }
  }
  return alerts_.SetMeta(kLastDigestDate, date);
}

core::Result<std::map<std::string, int>> AlertService::FiringBySeverity() {
  auto active = alerts_.Active();
  if (!active) return active.error();
  std::map<std::string, int> out;
  for (core::Severity s : {core::Severity::kVeto, core::Severity::kDeduction,
                           core::Severity::kWarning, core::Severity::kInfo}) {
    out[std::string(core::ToString(s))] = 0;
  }
  for (const Alert& a : *active) {
    if (a.state == AlertState::kFiring) ++out[std::string(core::ToString(a.finding.severity))];
  }
  return out;
}

}  // namespace govwatch::alert
