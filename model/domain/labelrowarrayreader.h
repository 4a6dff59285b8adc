#pragma once

#include "domain/jsonarrayelements.h"
#include "domain/labelrowsource.h"

#include <memory>
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

    Result<void> rewind() override;
    Result<std::optional<LabelRowDocument>> next() override;
    Result<std::optional<LabelRowDocument>> nextChecked() override;

private:
    Result<void> spool(const QByteArray &row);
    Result<void> restart();
    Result<std::optional<LabelRowDocument>> read(bool keepLabels);
    Error named(Error error) const;

    QIODevice &m_device;
    QString m_name;
    qsizetype m_maxRowBytes;
    QIODevice *m_reading; // m_device, or the spool once the device was read through
    std::unique_ptr<JsonArrayElements> m_elements;
    std::unique_ptr<QTemporaryFile> m_spool; // only for a device that cannot seek
    bool m_spooling = false;
    qint64 m_row = 0;
};

} // namespace lb
