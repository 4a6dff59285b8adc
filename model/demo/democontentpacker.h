#pragma once

#include "demo/demoscene.h"
#include "store/sqlite/sqlitedemowriter.h"

#include <nlohmann/json.hpp>

namespace lb::demo {

// Turns a rendered label row into what the project file stores for its content (the same bytes, digest,
// content hash, counts and compressed form SqliteContents would store for the parsed row), without parsing
// it back: the counts come from the scene it was rendered from. Safe on any thread; each thread keeps its
// own compressor, because setting one up costs more than compressing a row.
PreparedContent packContent(const nlohmann::json &row, bool video, const SceneFacts &facts);

} // namespace lb::demo
