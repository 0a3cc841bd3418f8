// Syntax errors: each names the file, the line and the statement.
#include <CppUTest/TestHarness.h>

#include <string>

#include "tests/unit/config/config_test_util.h"

using edgeflow::config::testing::errorOf;

TEST_GROUP(ConfigSyntaxError){};

TEST(ConfigSyntaxError, UnterminatedSingleQuote) {
  STRCMP_EQUAL("edgeflow.conf:2: option id: unterminated ' quote (opened at column 12)",
               errorOf("config agent\n\toption id 'border-1\n\toption max_flows 64\n").c_str());
}

TEST(ConfigSyntaxError, UnterminatedDoubleQuote) {
  STRCMP_EQUAL("edgeflow.conf:3: list match: unterminated \" quote (opened at column 13)",
               errorOf("# x\nconfig upstream a\n\tlist match \"vlan 1\n").c_str());
}

TEST(ConfigSyntaxError, UnterminatedQuoteAtEndOfFile) {
  STRCMP_EQUAL("edgeflow.conf:1: config agent: unterminated ' quote (opened at column 14)",
               errorOf("config agent 'main").c_str());
}

TEST(ConfigSyntaxError, EscapedQuoteDoesNotClose) {
  STRCMP_EQUAL("edgeflow.conf:2: option id: unterminated \" quote (opened at column 11)",
               errorOf("config agent\noption id \"abc\\\"\n").c_str());
}

TEST(ConfigSyntaxError, TrailingTextAfterValue) {
  STRCMP_EQUAL("edgeflow.conf:3: option max_flows '64': unexpected 'flows' after the value",
               errorOf("config agent\n\n\toption max_flows 64 flows\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option id 'a': unexpected 'b' after the value",
               errorOf("config agent\noption id 'a' 'b'\n").c_str());
}

TEST(ConfigSyntaxError, TrailingTextAfterSectionName) {
  STRCMP_EQUAL("edgeflow.conf:1: config upstream 'ttk': unexpected 'extra' after the section name",
               errorOf("config upstream 'ttk' extra\n").c_str());
}

TEST(ConfigSyntaxError, OptionBeforeAnySection) {
  STRCMP_EQUAL("edgeflow.conf:2: option id 'x': not inside a section (a 'config' line must come first)",
               errorOf("# header\noption id 'x'\nconfig agent\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:1: list local '10.0.0.0/8': not inside a section (a 'config' line must come first)",
               errorOf("list local '10.0.0.0/8'\n").c_str());
}

TEST(ConfigSyntaxError, UnknownStatement) {
  STRCMP_EQUAL("edgeflow.conf:2: unknown statement 'optoin' (expected config, option or list)",
               errorOf("config agent\n\toptoin id x\n").c_str());
}

TEST(ConfigSyntaxError, MissingWords) {
  STRCMP_EQUAL("edgeflow.conf:1: config: missing section type", errorOf("config\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:1: config: missing section type", errorOf("config ''\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option: missing option name", errorOf("config agent\noption\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: option id: missing value", errorOf("config agent\noption id # none\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:2: list local '': empty value", errorOf("config agent\nlist local ''\n").c_str());
  STRCMP_EQUAL("edgeflow.conf:1: package: missing package name", errorOf("package\n").c_str());
}

TEST(ConfigSyntaxError, ControlCharacter) {
  STRCMP_EQUAL("edgeflow.conf:2: option id: control character 0x01 at column 13",
               errorOf(std::string_view("config agent\noption id ab\x01"
                                        "c\n"))
                   .c_str());
  STRCMP_EQUAL("edgeflow.conf:1: control character 0x00 at column 1",
               errorOf(std::string_view("\0config agent\n", 14)).c_str());
  STRCMP_EQUAL("edgeflow.conf:1: config: control character 0x0d at column 8", errorOf("config \ragent\n").c_str());
}

TEST(ConfigSyntaxError, PackageAfterSection) {
  STRCMP_EQUAL("edgeflow.conf:2: package edgeflow: only allowed before the first config section",
               errorOf("config agent\npackage edgeflow\n").c_str());
}

TEST(ConfigSyntaxError, ErrorLineCountsCrlfAndContinuations) {
  STRCMP_EQUAL("edgeflow.conf:4: option max_flows '1': must be between 16 and 16777216",
               errorOf("config agent\r\n\toption id \\\r\n x\r\n\toption max_flows 1\r\n").c_str());
}

TEST(ConfigSyntaxError, FirstErrorWins) {
  // Line 2 has a bad value, line 3 a syntax error: line 2 is reported.
  STRCMP_EQUAL("edgeflow.conf:2: option max_flows '1': must be between 16 and 16777216",
               errorOf("config agent\noption max_flows 1\noption id 'x\n").c_str());
  // And the other way round.
  STRCMP_EQUAL("edgeflow.conf:2: option id: unterminated ' quote (opened at column 11)",
               errorOf("config agent\noption id 'x\noption max_flows 1\n").c_str());
}
