// How a section type is declared: one table of its options (name, option or
// list, and a function that checks a value and writes it into the typed
// section), plus the checks that need the whole section.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agent/config/config.h"
#include "agent/config/problem.h"

namespace edgeflow::config {

class ClaimedRules;

// `option NAME VALUE` (one value) or `list NAME VALUE` (repeatable).
enum class Arity : uint8_t { Option, List };

// What an option's function may need besides the value itself.
struct ApplyContext {
  int line = 0;                 // the statement's line
  ClaimedRules& claimed_rules;  // match rules taken so far
};

template <typename Section>
struct OptionSpec {
  std::string_view name;
  Arity arity = Arity::Option;
  // Checks `value` and writes it into `section`. Returns why the value is
  // rejected ("must be between 1 and 10"), or "" when it is taken.
  std::string (*apply)(std::string_view value, Section& section, ApplyContext& context) = nullptr;
};

// The options a section has given so far, each with the line of its first use.
class GivenOptions {
 public:
  // 0 when `name` has not been given.
  int lineOf(std::string_view name) const {
    for (const auto& [given, line] : lines_) {
      if (given == name) return line;
    }
    return 0;
  }
  void note(std::string_view name, int line) {
    if (lineOf(name) == 0) lines_.emplace_back(std::string(name), line);
  }

 private:
  std::vector<std::pair<std::string, int>> lines_;
};

template <typename Section>
struct SectionSpec {
  std::string_view type;    // `config TYPE`
  bool needs_name = false;  // anonymous sections are rejected
  size_t max_count = 0;     // sections of this type one file may hold
  std::span<const OptionSpec<Section>> options;
  // Adds a section named `name` ("" when anonymous) to `config`; returns it.
  Section& (*open)(Config& config, std::string_view name) = nullptr;
  // Runs when the section ends: required options, options that constrain
  // each other, defaults that depend on other values. `header_line` is the
  // line of its `config` statement.
  std::optional<Problem> (*finish)(Section& section, int header_line, const GivenOptions& given) = nullptr;
};

}  // namespace edgeflow::config
