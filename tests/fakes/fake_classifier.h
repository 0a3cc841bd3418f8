// FakeClassifier: a Classifier whose verdicts a test sets.
//
// inspect() decides after `decide_after` packets of a flow with `verdict`;
// giveUp() decides with `give_up_verdict`. Names come from name().
#pragma once

#include <map>
#include <string>
#include <utility>

#include "agent/enrich/classifier.h"

namespace edgeflow::fakes {

class FakeClassifier final : public enrich::Classifier {
 public:
  enrich::AppId verdict = enrich::kAppUnknown;
  enrich::AppId give_up_verdict = enrich::kAppUnknown;
  uint32_t decide_after = 1;

  void name(enrich::AppId app, std::string app_name, std::string category) {
    names_[app] = {std::move(app_name), std::move(category)};
  }

  void inspect(enrich::FlowLabels& labels, const uint8_t* /*ip*/, uint32_t /*ip_captured*/, uint32_t /*payload_len*/,
               bool /*from_local*/, TimestampUs /*ts*/) override {
    if (labels.app != enrich::kAppUndecided) return;
    ++inspected;
    if (inspected >= decide_after) {
      labels.app = verdict;
      ++stats_.classified;
    }
  }

  void giveUp(enrich::FlowLabels& labels) override {
    if (labels.app != enrich::kAppUndecided) return;
    labels.app = give_up_verdict;
    ++stats_.gave_up;
  }

  std::string_view appName(enrich::AppId app) const override {
    if (app == enrich::kAppUnknown) return "unknown";
    if (app == enrich::kAppUnclassified) return "unclassified";
    const auto it = names_.find(app);
    return it == names_.end() ? std::string_view() : std::string_view(it->second.first);
  }

  std::string_view appCategory(enrich::AppId app) const override {
    const auto it = names_.find(app);
    return it == names_.end() ? std::string_view() : std::string_view(it->second.second);
  }

  enrich::ClassifierStats stats() const override { return stats_; }
  enrich::ClassifierStats& mutableStats() { return stats_; }

  uint32_t inspected = 0;

 private:
  std::map<enrich::AppId, std::pair<std::string, std::string>> names_;
  enrich::ClassifierStats stats_;
};

}  // namespace edgeflow::fakes
