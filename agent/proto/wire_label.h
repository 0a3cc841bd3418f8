// Labels as the wire carries them: proto3 `string` fields must hold valid
// UTF-8 (a parser rejects the whole message otherwise), and every label has
// a length limit so that one row always fits one datagram.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace edgeflow::proto {

// `text` with every byte that does not start a well-formed UTF-8 sequence
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF)
// replaced by '?', then cut to at most `max_bytes` without splitting a
// character. Valid text within the limit comes back unchanged.
std::string wireLabel(std::string_view text, size_t max_bytes);

}  // namespace edgeflow::proto
