// Link-layer and encapsulation decoders. Each takes a reader over the whole
// frame positioned at its header (see decode_context.h).
#pragma once

#include "agent/decode/decode_context.h"

namespace edgeflow::decode::link {

// Link types (first header of a frame).
DecodeStatus decodeEthernet(ByteReader& r, DecodeContext& ctx);  // ethernet.cc
DecodeStatus decodeSll(ByteReader& r, DecodeContext& ctx);       // sll.cc
DecodeStatus decodeSll2(ByteReader& r, DecodeContext& ctx);      // sll.cc
DecodeStatus decodeNull(ByteReader& r, DecodeContext& ctx);      // null_loop.cc
DecodeStatus decodeLoop(ByteReader& r, DecodeContext& ctx);      // null_loop.cc
DecodeStatus decodePpp(ByteReader& r, DecodeContext& ctx);       // ppp.cc
DecodeStatus decodeRaw(ByteReader& r, DecodeContext& ctx);       // raw.cc

// Reached through the EtherType table.
DecodeStatus decodeVlan(ByteReader& r, DecodeContext& ctx);            // vlan.cc
DecodeStatus decodeMpls(ByteReader& r, DecodeContext& ctx);            // mpls.cc
DecodeStatus decodePppoeSession(ByteReader& r, DecodeContext& ctx);    // pppoe.cc
DecodeStatus decodePppoeDiscovery(ByteReader& r, DecodeContext& ctx);  // pppoe.cc

// The PPP protocol field and what it carries; shared by PPP and PPPoE.
DecodeStatus decodePppProtocol(ByteReader& r, DecodeContext& ctx);  // ppp.cc

}  // namespace edgeflow::decode::link
