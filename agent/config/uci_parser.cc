#include "agent/config/uci_parser.h"

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

#include "agent/config/agent_section.h"
#include "agent/config/collector_section.h"
#include "agent/config/match_rule.h"
#include "agent/config/source_section.h"
#include "agent/config/uci_lexer.h"
#include "agent/config/upstream_section.h"
#include "agent/config/value_parse.h"

namespace edgeflow::config {

namespace {

// Every section type a file may hold.
auto sectionTypes() { return std::tie(agentSection(), sourceSection(), upstreamSection(), collectorSection()); }

template <typename Section>
struct OpenSection {
  const SectionSpec<Section>* spec = nullptr;
  Section* target = nullptr;
};

template <typename Section>
std::string optionNames(const SectionSpec<Section>& spec) {
  std::string out;
  for (const OptionSpec<Section>& option : spec.options) {
    if (!out.empty()) out += ", ";
    out += option.name;
  }
  return out;
}

// Reads statements in file order into a Config; the first problem stops it.
class Reader {
 public:
  std::optional<Problem> read(std::string_view text);
  Config& config() { return config_; }

 private:
  std::optional<Problem> onConfig(const UciStatement& st);
  std::optional<Problem> onValue(const UciStatement& st);
  std::optional<Problem> closeSection();
  template <typename Section>
  std::optional<Problem> open(const SectionSpec<Section>& spec, const UciStatement& st);
  template <typename Section>
  std::optional<Problem> apply(const OpenSection<Section>& section, const UciStatement& st);

  Config config_;
  std::variant<std::monostate, OpenSection<Agent>, OpenSection<Source>, OpenSection<Upstream>,
               OpenSection<Collector>>
      open_;
  int header_line_ = 0;
  GivenOptions given_;
  bool seen_config_ = false;
  std::map<std::string, int, std::less<>> section_lines_;           // name -> header line
  std::map<std::string_view, std::pair<size_t, int>> type_counts_;  // type -> (count, first line)
  ClaimedRules claimed_rules_;
};

std::optional<Problem> Reader::read(std::string_view text) {
  UciLexer lexer(text);
  UciStatement st;
  while (lexer.next(st)) {
    std::optional<Problem> problem;
    switch (st.kind) {
      case UciStatement::Kind::Package:
        // `uci export` starts with one; it names the file, which the caller chose.
        if (seen_config_)
          problem =
              Problem{st.line, "package " + shortened(st.first) + ": only allowed before the first config section"};
        break;
      case UciStatement::Kind::Config:
        problem = onConfig(st);
        break;
      case UciStatement::Kind::Option:
      case UciStatement::Kind::List:
        problem = onValue(st);
        break;
    }
    if (problem) return problem;
  }
  if (lexer.error()) return lexer.error();
  return closeSection();
}

std::optional<Problem> Reader::closeSection() {
  std::optional<Problem> problem = std::visit(
      [&](const auto& section) -> std::optional<Problem> {
        if constexpr (std::is_same_v<std::decay_t<decltype(section)>, std::monostate>) {
          return std::nullopt;
        } else {
          return section.spec->finish(*section.target, header_line_, given_);
        }
      },
      open_);
  open_ = std::monostate{};
  return problem;
}

template <typename Section>
std::optional<Problem> Reader::open(const SectionSpec<Section>& spec, const UciStatement& st) {
  const std::string& name = st.second;
  const std::string header = "config " + std::string(spec.type) + (name.empty() ? "" : " " + quoted(name));
  if (!name.empty() && !isSectionName(name)) {
    return Problem{st.line, header + ": a section name must be 1 to 32 of the characters A-Z a-z 0-9 _"};
  }
  if (name.empty() && spec.needs_name) {
    return Problem{st.line, header + ": needs a name, e.g. config " + std::string(spec.type) +
                                " 'ttk' (the name labels it in every export)"};
  }
  if (!name.empty()) {
    const auto [it, inserted] = section_lines_.try_emplace(name, st.line);
    if (!inserted) {
      return Problem{st.line,
                     header + ": the name is already used by the section at line " + std::to_string(it->second)};
    }
  }
  auto& [count, first_line] = type_counts_.try_emplace(spec.type, 0, st.line).first->second;
  if (count == spec.max_count) {
    if (spec.max_count == 1) {
      return Problem{st.line, header + ": only one " + std::string(spec.type) +
                                  " section is allowed (the first is at line " + std::to_string(first_line) + ")"};
    }
    return Problem{st.line, header + ": at most " + std::to_string(spec.max_count) + " " + std::string(spec.type) +
                                " sections are allowed"};
  }
  ++count;
  open_ = OpenSection<Section>{&spec, &spec.open(config_, name)};
  header_line_ = st.line;
  given_ = GivenOptions{};
  return std::nullopt;
}

template <typename Section>
std::optional<Problem> Reader::apply(const OpenSection<Section>& section, const UciStatement& st) {
  const SectionSpec<Section>& spec = *section.spec;
  const bool is_list = st.kind == UciStatement::Kind::List;
  const std::string name = shortened(st.first);
  const std::string what = (is_list ? "list " : "option ") + name + " " + quoted(st.second) + ": ";
  const OptionSpec<Section>* option = nullptr;
  for (const OptionSpec<Section>& candidate : spec.options) {
    if (candidate.name == st.first) option = &candidate;
  }
  if (option == nullptr) {
    return Problem{st.line,
                   what + "unknown option in config " + std::string(spec.type) + " (known: " + optionNames(spec) + ")"};
  }
  if (option->arity == Arity::Option && is_list) {
    return Problem{st.line, what + name + " takes a single value: write 'option " + name + "'"};
  }
  if (option->arity == Arity::List && !is_list) {
    return Problem{st.line, what + name + " is a list: write 'list " + name + "', once per value"};
  }
  if (option->arity == Arity::Option) {
    if (const int first = given_.lineOf(st.first); first != 0) {
      return Problem{st.line, what + "given twice in this section (first at line " + std::to_string(first) + ")"};
    }
  }
  given_.note(st.first, st.line);
  ApplyContext context{st.line, claimed_rules_};
  const std::string reason = option->apply(st.second, *section.target, context);
  if (!reason.empty()) return Problem{st.line, what + reason};
  return std::nullopt;
}

std::optional<Problem> Reader::onConfig(const UciStatement& st) {
  if (std::optional<Problem> problem = closeSection()) return problem;
  seen_config_ = true;
  bool known = false;
  std::optional<Problem> problem;
  std::string names;
  auto tryOpen = [&](const auto& spec) {
    names += names.empty() ? "" : ", ";
    names += spec.type;
    if (known || spec.type != st.first) return;
    known = true;
    problem = open(spec, st);
  };
  std::apply([&](const auto&... spec) { (tryOpen(spec), ...); }, sectionTypes());
  if (!known) {
    return Problem{st.line, "config " + shortened(st.first) + ": unknown section type (known: " + names + ")"};
  }
  return problem;
}

std::optional<Problem> Reader::onValue(const UciStatement& st) {
  return std::visit(
      [&](const auto& section) -> std::optional<Problem> {
        if constexpr (std::is_same_v<std::decay_t<decltype(section)>, std::monostate>) {
          const char* keyword = st.kind == UciStatement::Kind::List ? "list " : "option ";
          return Problem{st.line, keyword + shortened(st.first) + " " + quoted(st.second) +
                                      ": not inside a section (a 'config' line must come first)"};
        } else {
          return apply(section, st);
        }
      },
      open_);
}

}  // namespace

ParseResult parseConfig(std::string_view text, std::string_view file_name) {
  ParseResult result;
  Reader reader;
  if (const std::optional<Problem> problem = reader.read(text)) {
    result.error = std::string(file_name) + ":" + std::to_string(problem->line) + ": " + problem->message;
    return result;
  }
  result.ok = true;
  result.config = std::move(reader.config());
  return result;
}

}  // namespace edgeflow::config
