#pragma once

#include "domain/jsonarrayelements.h"
#include "domain/labelrowsource.h"

#include <memory>
#include <optional>
#include <QFuture>
#include <QIODevice>
#include <QList>
#include <QTemporaryFile>

namespace lb {

// The rows of an Encord JSON export (an array of label rows) read from a file one row at a time, for an
// import whose file may be larger than memory. A device that cannot seek back (a pipe) is copied row by row
// into a temporary file during the first reading, so it can be read a second time.
class LabelRowArrayReader : public LabelRowSource
{
public:
    // `name` (a file name) starts every message about what was read, when given.
    explicit LabelRowArrayReader(QIODevice &device, QString name = QString(),
                                 qsizetype maxRowBytes = JsonArrayElements::kDefaultMaxElementBytes);
    ~LabelRowArrayReader() override;

    // Only rows whose branch_name is `branch` are handed out; the others are parsed to be checked, no
    // further (read for storing, they are not compressed).
    void keepOnlyBranch(const QString &branch) { m_onlyBranch = branch; }

    Result<void> rewind() override;
    Result<std::optional<LabelRowDocument>> next() override;
    Result<std::optional<LabelRowDocument>> nextChecked() override;
    // Rows are parsed on all cores, a batch ahead of the caller: while it works on one batch, the next one
    // is read and parsed. Failures keep their place in the order of the file.
    Result<QList<LabelRowDocument>> nextBatch(int size, RowReading reading) override;

private:
    // One element of the array as read, before it is parsed.
    struct RawRow
    {
        JsonArrayElements::Element element;
        qint64 row = 0; // from 1
    };
    // A row parsed, or a failure; null for a row of another branch. Shared: QFuture copies its results.
    using Parsed = std::shared_ptr<Result<LabelRowDocument>>;
    // A batch being parsed in the thread pool; its raw rows stay here while that runs.
    struct Ahead
    {
        std::shared_ptr<const QList<RawRow>> raw;
        QFuture<Parsed> parsed;
        RowReading reading = RowReading::Parsed;
        std::optional<Error> readError; // after the rows read before it
    };
    Result<void> spool(const QByteArray &row);
    Result<void> restart();
    Result<std::optional<RawRow>> readRaw();
    void readAhead(int size, RowReading reading);
    void takeAhead(RowReading reading);
    void dropAhead();
    static Parsed parse(const RawRow &raw, RowReading reading, const QString &onlyBranch);
    Error named(Error error) const;

    QIODevice &m_device;
    QString m_name;
    QString m_onlyBranch;
    qsizetype m_maxRowBytes;
    QIODevice *m_reading; // m_device, or the spool once the device was read through
    std::unique_ptr<JsonArrayElements> m_elements;
    std::unique_ptr<QTemporaryFile> m_spool; // only for a device that cannot seek
    bool m_spooling = false;
    qint64 m_row = 0;
    std::optional<Ahead> m_ahead;
    QList<Result<LabelRowDocument>> m_ready; // parsed, in order, not handed out yet
    bool m_readToEnd = false;                // the last element (or a failure to read one) was reached
};

} // namespace lb
