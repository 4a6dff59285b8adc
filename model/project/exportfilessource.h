#pragma once

#include "domain/labelrowarrayreader.h"

#include <memory>
#include <QFile>
#include <QStringList>

namespace lb {

// The rows of several Encord export files (JSON arrays of label rows) one after the other, as one source;
// only those of one branch when a branch is given. Each file is read a batch ahead, parsed on all cores.
class ExportFilesSource final : public LabelRowSource
{
public:
    explicit ExportFilesSource(QStringList files, QString branch = QString());

    Result<void> rewind() override;
    Result<std::optional<LabelRowDocument>> next() override { return read(RowReading::Parsed); }
    Result<std::optional<LabelRowDocument>> nextChecked() override { return read(RowReading::Checked); }
    Result<QList<LabelRowDocument>> nextBatch(int size, RowReading reading) override;

private:
    Result<bool> openNext();
    void closeFile();
    Result<QList<LabelRowDocument>> keepForLater(QList<LabelRowDocument> batch, Error error);
    Result<std::optional<LabelRowDocument>> read(RowReading reading);

    QStringList m_files;
    QString m_branch;
    qsizetype m_index = 0;
    std::unique_ptr<QFile> m_file;
    std::unique_ptr<LabelRowArrayReader> m_reader;
    std::optional<Error> m_pending;
};

} // namespace lb
