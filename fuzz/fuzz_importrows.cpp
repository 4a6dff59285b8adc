// Fuzz target: an import file read as Engine::importRows reads it (docs/architecture.md §4.6, §4.7): the
// JSON array cut into rows by LabelRowArrayReader, a first reading that only checks every row, a second that
// parses them whole, and what the project file derives from each parsed row before writing it (its bytes,
// content hash, counts, and the bytes an export writes with another row's identity). The same bytes go
// through a seekable file and a pipe, which the reader copies aside to read twice. Malformed input must end
// in an error naming the row, never in a crash.

#include "domain/classcountsencoding.h"
#include "domain/labelrowarrayreader.h"
#include "domain/labelrowbytes.h"
#include "domain/labelrowdocument.h"
#include "pipedevice.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <QBuffer>
#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>

namespace {

// Small enough that a long input also meets the row size limit, large enough for every seed row.
constexpr qsizetype kMaxRowBytes = 256 * 1024;
constexpr int kBatchSize = 3; // rows per batch: several batches, each parsed a batch ahead

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// What the project file derives from a row it writes (store/sqlite/sqlitecontents.cpp) and what an export
// writes for it under another identity (domain/labelrowbytes.h promises the bytes of the setters).
void deriveAsStored(const lb::LabelRowDocument &row)
{
    const QByteArray bytes = row.toBytes();
    check(!bytes.isEmpty());
    check(row.contentHash().size() == 64);
    check(row.objectInstanceCount() >= 0 && row.classificationCount() >= 0);
    const QHash<QString, int> counts = row.classCounts();
    check(lb::decodeClassCounts(lb::encodeClassCounts(counts)) == counts);

    const lb::Result<lb::LabelRowDocument> again =
        lb::LabelRowDocument::fromBytes(bytes, QStringLiteral("row"));
    check(again.ok());
    check(again->contentHash() == row.contentHash());

    lb::LabelRowIdentity identity;
    identity.labelHash = QStringLiteral("00000000-0000-4000-8000-00000000000a");
    identity.branchName = QStringLiteral("imported");
    identity.labelStatus = QStringLiteral("LABELLED");
    identity.createdAt = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    identity.lastEditedAt = QDateTime::fromSecsSinceEpoch(1700000600, Qt::UTC);
    lb::LabelRowDocument renamed = again.value();
    renamed.setLabelHash(identity.labelHash);
    renamed.setBranchName(identity.branchName);
    renamed.setLabelStatus(identity.labelStatus);
    renamed.setTimestamps(identity.createdAt, identity.lastEditedAt);
    const lb::Result<QByteArray> exported = lb::LabelRowBytes::withIdentity(bytes, identity);
    check(exported.ok());
    check(exported.value() == renamed.toBytes());
}

// Both readings of one import; returns the rows the second reading gave, or -1 when either failed.
qint64 readTwice(QIODevice &device)
{
    lb::LabelRowArrayReader reader(device, QStringLiteral("import.json"), kMaxRowBytes);
    qint64 checked = 0;
    for (;;) {
        const lb::Result<QList<lb::LabelRowDocument>> batch =
            reader.nextBatch(kBatchSize, lb::RowReading::Checked);
        if (!batch) {
            check(!batch.error().isEmpty());
            return -1;
        }
        if (batch->isEmpty())
            break;
        checked += batch->size();
    }
    if (!reader.rewind())
        return -1;
    qint64 parsed = 0;
    for (;;) {
        const lb::Result<QList<lb::LabelRowDocument>> batch =
            reader.nextBatch(kBatchSize, lb::RowReading::ForStoring);
        check(batch.ok()); // the second reading sees the rows the first one accepted
        if (batch->isEmpty())
            break;
        for (const lb::LabelRowDocument &row : batch.value())
            deriveAsStored(row);
        parsed += batch->size();
    }
    check(parsed == checked);
    return parsed;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication app(*argc, *argv); // the thread pool that parses rows ahead
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));

    QBuffer file(&bytes);
    file.open(QIODevice::ReadOnly);
    const qint64 fromFile = readTwice(file);

    lb::fuzz::PipeDevice pipe(bytes);
    check(readTwice(pipe) == fromFile);

    // The whole array at once, as tests and small callers read it.
    const lb::Result<QList<lb::LabelRowDocument>> whole = lb::LabelRowDocument::arrayFromBytes(bytes);
    if (whole)
        for (const lb::LabelRowDocument &row : whole.value())
            deriveAsStored(row);
    return 0;
}
