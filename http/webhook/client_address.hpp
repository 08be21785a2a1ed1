#pragma once
// Which address a request really comes from when tvbot sits behind reverse proxies.
//
// X-Forwarded-For is a list each proxy appends its own peer to, so only the right end is
// trustworthy: walking from the right, entries added by our trusted proxies are skipped and
// the first address not in trusted_proxies is the client. Anything to its left was written
// by the client itself and is ignored. Worked example, trusted = 10.0.0.0/8:
//   peer 10.0.0.2, XFF "6.6.6.6, 52.89.214.238, 10.0.0.7" -> 52.89.214.238
//   (10.0.0.7 is our proxy chain; 6.6.6.6 is what the client claimed and is not believed).
// A peer that is not a trusted proxy is the client, whatever header it sent.
#include <string_view>

#include "events/result.hpp"
#include "http/webhook/ip_allowlist.hpp"

namespace tvbot::webhook {

// Entries may carry a port ("1.2.3.4:5678", "[2001:db8::1]:443"). Several X-Forwarded-For
// headers must be joined with ',' in order by the caller. When every entry is trusted, the
// left-most is the client. Codes: "invalid_peer_address", "invalid_forwarded_for" (an
// entry that had to be read is not an address).
[[nodiscard]] Result<IpAddress> resolve_client_address(std::string_view peer,
                                                       std::string_view forwarded_for,
                                                       const IpAllowlist& trusted_proxies);

}  // namespace tvbot::webhook
