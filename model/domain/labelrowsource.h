#pragma once

#include "domain/labelrowdocument.h"
#include "domain/result.h"

#include <optional>
#include <QList>

namespace lb {

// How much of each row a reading needs.
enum class RowReading
{
    Checked,    // to refuse or accept it: as nextChecked()
    Parsed,     // everything: as next()
    ForStoring, // to write it: as next(), then only its stored form (LabelRowDocument::keepOnlyStoredForm())
};

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
    // leave out what the checks do not need (the JSON, the objects' geometry and attributes), keeping the
    // identity (LabelRowParser::check()).
    virtual Result<std::optional<LabelRowDocument>> nextChecked() { return next(); }
    // Up to `size` rows read as `reading` says; none after the last. A source may read them in parallel.
    // Rows before a failing one come first, in a shorter batch; the next call gives the failure, as
    // reading one row at a time would.
    virtual Result<QList<LabelRowDocument>> nextBatch(int size, RowReading reading)
    {
        QList<LabelRowDocument> batch;
        while (batch.size() < size) {
            Result<std::optional<LabelRowDocument>> row =
                reading == RowReading::Checked ? nextChecked() : next();
            if (!row)
                return row.takeError();
            if (!row->has_value())
                break;
            if (reading == RowReading::ForStoring)
                row->value().keepOnlyStoredForm();
            batch.append(std::move(row->value()));
        }
        return batch;
    }
};

} // namespace lb
