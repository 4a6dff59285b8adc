#pragma once

#include "domain/jsonarrayelements.h"
#include "domain/labelrowsource.h"

#include <memory>
#include <optional>
#include <QFuture>
#include <QList>
#include <QIODevice>
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

    Result<void> rewind() override;
    Result<std::optional<LabelRowDocument>> next() override;
    Result<std::optional<LabelRowDocument>> nextChecked() override;
    // Rows are parsed on all cores, a batch ahead of the caller: while it works on one batch, the next one
    // is read and parsed. Failures keep their place in the order of the file.
    Result<QList<LabelRowDocument>> nextBatch(int size, bool checkedOnly) override;

private:
    // One element of the array as read, before it is parsed.
    struct RawRow
    {
        JsonArrayElements::Element element;
        qint64 row = 0; // from 1
    };
    // A batch being parsed in the thread pool; its raw rows stay here while that runs.
    struct Ahead
    {
        std::shared_ptr<const QList<RawRow>> raw;
        QFuture<std::shared_ptr<Result<LabelRowDocument>>> parsed; // shared: QFuture copies its results
        bool checkedOnly = false;
        std::optional<Error> readError; // after the rows read before it
    };
    Result<void> spool(const QByteArray &row);
    Result<void> restart();
    Result<std::optional<RawRow>> readRaw();
    void readAhead(int size, bool checkedOnly);
    void takeAhead(bool checkedOnly);
    void dropAhead();
    static Result<LabelRowDocument> parse(const RawRow &raw, bool keepLabels);
    Error named(Error error) const;

    QIODevice &m_device;
    QString m_name;
    qsizetype m_maxRowBytes;
    QIODevice *m_reading; // m_device, or the spool once the device was read through
    std::unique_ptr<JsonArrayElements> m_elements;
    std::unique_ptr<QTemporaryFile> m_spool; // only for a device that cannot seek
    bool m_spooling = false;
    qint64 m_row = 0;
    std::optional<Ahead> m_ahead;
    QList<Result<LabelRowDocument>> m_ready; // parsed, in order, not handed out yet
    bool m_readToEnd = false; // the last element (or a failure to read one) was reached
};

} // namespace lb
