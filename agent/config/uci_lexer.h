// Splits UCI text (the /etc/config file syntax) into statements.
//
// The rules follow libuci's file reader, so a file that `uci` reads the same
// way reads the same here:
//  - statements: `config TYPE [NAME]`, `option NAME VALUE`, `list NAME VALUE`,
//    `package NAME`; words are separated by spaces and tabs;
//  - quoted and unquoted pieces with no space between them form one word:
//    'a'"b"c is "abc";
//  - 'single quotes' keep every character as written, with no escapes;
//  - unquoted and inside "double quotes", a backslash takes the next
//    character literally: \" is a quote, \\ a backslash and \n an 'n' (libuci
//    decodes no C escapes); a backslash at the end of a line joins the next;
//  - outside quotes, `#` starts a comment that runs to the end of the line and
//    `;` ends a statement, so two may share a line;
//  - lines end with LF or CRLF.
// Unlike libuci, an empty value (`option id ''`) and control characters
// other than tab are rejected here rather than passed on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "agent/config/problem.h"

namespace edgeflow::config {

struct UciStatement {
  enum class Kind : uint8_t { Package, Config, Option, List };
  Kind kind = Kind::Config;
  int line = 0;        // where the statement starts
  std::string first;   // config: section type; option/list: option name; package: its name
  std::string second;  // config: section name ("" when anonymous); option/list: the value
};

class UciLexer {
 public:
  explicit UciLexer(std::string_view text) : text_(text) {}

  // Reads the next statement into `out`. Returns false at the end of the text
  // or on a syntax error; error() tells the two apart and, once set, stays.
  bool next(UciStatement& out);
  const std::optional<Problem>& error() const { return error_; }

 private:
  size_t lineEndLength(size_t at) const;
  void skipBlanks();
  bool readWord(const std::vector<std::string>& words, std::string& word);
  bool readBackslash(std::string& word, const std::vector<std::string>& words);
  bool append(char c, std::string& word, const std::vector<std::string>& words);
  bool makeStatement(const std::vector<std::string>& words, int line, UciStatement& out);
  bool fail(int line, const std::vector<std::string>& words, const std::string& what);

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  std::optional<Problem> error_;
};

}  // namespace edgeflow::config
