#include "project/exportfilessource.h"

namespace lb {

ExportFilesSource::ExportFilesSource(QStringList files, QString branch)
    : m_files(std::move(files)), m_branch(std::move(branch))
{
}

Result<void> ExportFilesSource::rewind()
{
    m_reader.reset();
    m_file.reset();
    m_index = 0;
    m_pending.reset();
    return {};
}

// The files' own batches, one after the other.
Result<QList<LabelRowDocument>> ExportFilesSource::nextBatch(int size, RowReading reading)
{
    if (m_pending) {
        Error error = std::move(*m_pending);
        m_pending.reset();
        return error;
    }
    QList<LabelRowDocument> batch;
    while (batch.size() < size) {
        if (Result<bool> opened = openNext(); !opened)
            return keepForLater(std::move(batch), opened.takeError());
        else if (!opened.value())
            break;
        Result<QList<LabelRowDocument>> read = m_reader->nextBatch(int(size - batch.size()), reading);
        if (!read)
            return keepForLater(std::move(batch), read.takeError());
        if (read->isEmpty()) {
            closeFile();
            continue;
        }
        batch.append(std::move(read.value()));
    }
    return batch;
}

// Opens the next file when none is open; false when every file has been read.
Result<bool> ExportFilesSource::openNext()
{
    if (m_reader)
        return true;
    if (m_index >= m_files.size())
        return false;
    m_file = std::make_unique<QFile>(m_files.at(m_index));
    if (!m_file->open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(m_files.at(m_index), m_file->errorString()));
    m_reader = std::make_unique<LabelRowArrayReader>(*m_file, m_files.at(m_index));
    if (!m_branch.isEmpty())
        m_reader->keepOnlyBranch(m_branch);
    return true;
}

void ExportFilesSource::closeFile()
{
    m_reader.reset();
    m_file.reset();
    ++m_index;
}

// Rows read before a failure come first; the failure is the next call's answer.
Result<QList<LabelRowDocument>> ExportFilesSource::keepForLater(QList<LabelRowDocument> batch, Error error)
{
    if (batch.isEmpty())
        return error;
    m_pending = std::move(error);
    return batch;
}

Result<std::optional<LabelRowDocument>> ExportFilesSource::read(RowReading reading)
{
    Result<QList<LabelRowDocument>> rows = nextBatch(1, reading);
    if (!rows)
        return rows.takeError();
    if (rows->isEmpty())
        return std::optional<LabelRowDocument>();
    return std::optional(std::move(rows->first()));
}

} // namespace lb
