#include "agent/config/uci_lexer.h"

#include <cstdio>

#include "agent/config/value_parse.h"

namespace edgeflow::config {

namespace {

// The statement read so far, as messages show it: "option max_flows '10'".
std::string describe(const std::vector<std::string>& words, size_t count) {
  std::string out;
  for (size_t i = 0; i < words.size() && i < count; ++i) {
    if (i > 0) out += ' ';
    out += i < 2 ? shortened(words[i]) : quoted(words[i]);
  }
  return out;
}

}  // namespace

size_t UciLexer::lineEndLength(size_t at) const {
  if (at >= text_.size()) return 0;
  if (text_[at] == '\n') return 1;
  if (text_[at] == '\r') {
    if (at + 1 < text_.size() && text_[at + 1] == '\n') return 2;
    if (at + 1 == text_.size()) return 1;  // a final CR without LF
  }
  return 0;
}

bool UciLexer::fail(int line, const std::vector<std::string>& words, const std::string& what) {
  const std::string where = describe(words, 3);
  error_ = Problem{line, where.empty() ? what : where + ": " + what};
  return false;
}

void UciLexer::skipBlanks() {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == ' ' || c == '\t') {
      ++pos_;
    } else if (c == '\\' && pos_ + 1 == text_.size()) {
      ++pos_;  // a backslash ending the file adds nothing
    } else if (c == '\\' && lineEndLength(pos_ + 1) > 0) {
      pos_ += 1 + lineEndLength(pos_ + 1);
      ++line_;
      line_start_ = pos_;
    } else {
      return;
    }
  }
}

bool UciLexer::append(char c, std::string& word, const std::vector<std::string>& words) {
  const auto byte = static_cast<unsigned char>(c);
  if ((byte < 0x20 && c != '\t') || byte == 0x7f) {
    char what[64];
    std::snprintf(what, sizeof what, "control character 0x%02x at column %zu", byte, pos_ - line_start_ + 1);
    return fail(line_, words, what);
  }
  word += c;
  ++pos_;
  return true;
}

// At a backslash, unquoted or inside double quotes.
bool UciLexer::readBackslash(std::string& word, const std::vector<std::string>& words) {
  ++pos_;
  if (pos_ == text_.size()) return true;  // a backslash ending the file adds nothing
  if (const size_t end = lineEndLength(pos_); end > 0) {
    pos_ += end;
    ++line_;
    line_start_ = pos_;
    return true;
  }
  return append(text_[pos_], word, words);
}

bool UciLexer::readWord(const std::vector<std::string>& words, std::string& word) {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '#' || c == ';' || lineEndLength(pos_) > 0) return true;
    if (c == '\'' || c == '"') {
      const int open_line = line_;
      const size_t open_column = pos_ - line_start_ + 1;
      ++pos_;
      for (;;) {
        if (pos_ == text_.size() || lineEndLength(pos_) > 0) {
          return fail(
              open_line, words,
              std::string("unterminated ") + c + " quote (opened at column " + std::to_string(open_column) + ")");
        }
        const char inner = text_[pos_];
        if (inner == c) {
          ++pos_;
          break;
        }
        const bool ok = (c == '"' && inner == '\\') ? readBackslash(word, words) : append(inner, word, words);
        if (!ok) return false;
      }
    } else if (c == '\\') {
      if (!readBackslash(word, words)) return false;
    } else if (!append(c, word, words)) {
      return false;
    }
  }
  return true;
}

bool UciLexer::makeStatement(const std::vector<std::string>& words, int line, UciStatement& out) {
  const std::string& keyword = words[0];
  out = UciStatement{};
  out.line = line;
  if (keyword == "config") {
    out.kind = UciStatement::Kind::Config;
    if (words.size() < 2 || words[1].empty()) return fail(line, {keyword}, "missing section type");
    if (words.size() > 3) return fail(line, words, "unexpected " + quoted(words[3]) + " after the section name");
    out.first = words[1];
    if (words.size() == 3) out.second = words[2];
    return true;
  }
  if (keyword == "option" || keyword == "list") {
    out.kind = keyword == "option" ? UciStatement::Kind::Option : UciStatement::Kind::List;
    if (words.size() < 2 || words[1].empty()) return fail(line, {keyword}, "missing option name");
    if (words.size() < 3) return fail(line, words, "missing value");
    if (words[2].empty()) return fail(line, words, "empty value");
    if (words.size() > 3) return fail(line, words, "unexpected " + quoted(words[3]) + " after the value");
    out.first = words[1];
    out.second = words[2];
    return true;
  }
  if (keyword == "package") {
    out.kind = UciStatement::Kind::Package;
    if (words.size() < 2 || words[1].empty()) return fail(line, {keyword}, "missing package name");
    if (words.size() > 2) return fail(line, words, "unexpected " + quoted(words[2]) + " after the package name");
    out.first = words[1];
    return true;
  }
  return fail(line, {}, "unknown statement " + quoted(keyword) + " (expected config, option or list)");
}

bool UciLexer::next(UciStatement& out) {
  if (error_) return false;
  std::vector<std::string> words;
  int start_line = 0;
  for (;;) {
    skipBlanks();
    if (pos_ == text_.size()) break;
    const char c = text_[pos_];
    if (c == '#') {
      while (pos_ < text_.size() && lineEndLength(pos_) == 0) ++pos_;
      continue;
    }
    if (const size_t end = lineEndLength(pos_); end > 0) {
      pos_ += end;
      ++line_;
      line_start_ = pos_;
      if (words.empty()) continue;
      break;
    }
    if (c == ';') {
      ++pos_;
      if (words.empty()) continue;
      break;
    }
    if (words.empty()) start_line = line_;
    std::string word;
    if (!readWord(words, word)) return false;
    words.push_back(std::move(word));
  }
  if (words.empty()) return false;
  return makeStatement(words, start_line, out);
}

}  // namespace edgeflow::config
