#pragma once

#include "demo/demoscene.h"
#include "domain/preparedcontent.h"

#include <string>

namespace lb::demo {

// Turns a rendered label row into what the project file stores for its content (the same bytes, digest,
// content hash, counts and decompressed form SqliteContents would store for the parsed row), without parsing
// it back: `json` is the row's text, `canonical` the text its content hash is taken over, and the counts come
// from the scene it was rendered from. Safe on any thread.
PreparedContent packContent(const std::string &json, const std::string &canonical, const SceneFacts &facts);

} // namespace lb::demo
