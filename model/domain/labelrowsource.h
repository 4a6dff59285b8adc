#pragma once

#include "domain/labelrowdocument.h"
#include "domain/result.h"

#include <optional>

namespace lb {

// Label rows handed over one at a time, so an import of any size holds one row (or one batch) in memory.
// It can be read more than once: the engine checks every row before it writes the first one.
class LabelRowSource
{
public:
    virtual ~LabelRowSource() = default;

    // Starts again at the first row.
    virtual Result<void> rewind() = 0;
    // The next row, or nothing after the last one. A failure names the row ("row 3 (\"a.jpg\"): ...").
    virtual Result<std::optional<LabelRowDocument>> next() = 0;
    // The next row checked as next() checks it, for a reading that only refuses or accepts: a source may
    // leave out what the checks do not need (the JSON, objects and classifications), keeping the identity.
    virtual Result<std::optional<LabelRowDocument>> nextChecked() { return next(); }
};

} // namespace lb
