#include "demo/demoprojectwriter.h"

#include "demo/democontentpacker.h"
#include "demo/demogenerator.h"
#include "demo/demounitbuilder.h"
#include "domain/branchname.h"
#include "store/sqlite/sqlitedemowriter.h"
#include "store/sqlite/sqlitestore.h"

#include <algorithm>
#include <optional>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

namespace lb::demo {

static_assert(std::tuple_size_v<BranchRowCounts> == BranchCount);

namespace {

// One data unit made ready for storing: the data unit, its rows and the contents they show.
struct PreparedUnit
{
    int index = 0;
    DataUnit dataUnit;
    std::array<std::optional<RowMeta>, BranchCount> rows;
    std::array<int, BranchCount> contentOf{};
    std::array<std::optional<PreparedContent>, BranchCount> contents;
    QString error;
};

// A run of data units, ready for the writing thread.
struct PreparedChunk
{
    int end = 0;
    PreparedBatch batch;
    BranchRowCounts rowCounts{};
    QString error;
};

void prepareUnit(const DemoUnitBuilder &builder, PreparedUnit &slot)
{
    try {
        UnitRender rendered = builder.render(slot.index);
        slot.dataUnit = builder.dataUnit(rendered.unit);
        slot.rows = std::move(rendered.rows);
        slot.contentOf = rendered.contentOf;
        for (size_t b = 0; b < rendered.contents.size(); ++b) {
            if (const std::optional<RenderedContent> &c = rendered.contents[b])
                slot.contents[b] = packContent(c->json, c->canonical, c->facts);
        }
    } catch (const std::exception &e) {
        slot.error = QStringLiteral("demo data unit %1: %2").arg(slot.index).arg(QString::fromUtf8(e.what()));
    }
}

PreparedRow preparedRow(int branch, const RowMeta &meta, const DataUnit &unit, int content)
{
    PreparedRow row;
    row.branch = branch;
    row.dataHash = unit.dataHash;
    row.labelHash = QString::fromStdString(meta.labelHash);
    row.status = QString::fromStdString(meta.status);
    row.createdAtMs = meta.createdAt * 1000;
    row.lastEditedAtMs = meta.editedAt * 1000;
    row.content = content;
    return row;
}

// Adds a unit's contents and rows to the chunk; rows that show another branch's content name its index.
void appendUnit(PreparedUnit &unit, PreparedChunk &chunk)
{
    std::array<int, BranchCount> contentIndex{};
    for (size_t b = 0; b < unit.contents.size(); ++b) {
        if (unit.contents[b]) {
            contentIndex[b] = static_cast<int>(chunk.batch.contents.size());
            chunk.batch.contents.append(std::move(*unit.contents[b]));
        }
    }
    for (size_t b = 0; b < unit.rows.size(); ++b) {
        if (!unit.rows[b])
            continue;
        const int content = contentIndex[static_cast<size_t>(unit.contentOf[b])];
        chunk.batch.rows.append(preparedRow(static_cast<int>(b), *unit.rows[b], unit.dataUnit, content));
        ++chunk.rowCounts[b];
    }
    chunk.batch.dataUnits.append(std::move(unit.dataUnit));
}

PreparedChunk prepareChunk(const DemoUnitBuilder &builder, int first, int end)
{
    QList<PreparedUnit> slots(end - first);
    for (int i = first; i < end; ++i)
        slots[i - first].index = i;
    // Units are independent streams, so they can be built on any thread in any order.
    QtConcurrent::blockingMap(slots, [&builder](PreparedUnit &slot) { prepareUnit(builder, slot); });
    PreparedChunk chunk;
    chunk.end = end;
    chunk.batch.dataUnits.reserve(slots.size());
    for (PreparedUnit &slot : slots) {
        if (!slot.error.isEmpty()) {
            chunk.error = slot.error;
            return chunk;
        }
        appendUnit(slot, chunk);
    }
    return chunk;
}

void removeProjectFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

// The pipeline: the next chunk is prepared while this one is written.
class ProjectWriter
{
public:
    ProjectWriter(const DemoGenerator &generator, const QString &path, const JobControl &control)
        : m_generator(generator), m_builder{generator, projectUuid(generator.seed(), 3), "Urban drives 2026"},
          m_path(path), m_control(control),
          // Batches of about 2,000 data units at benchmark sizes; small projects still report progress
          // (and can be cancelled) several times.
          m_chunk(std::clamp(generator.size() / 16, 64, 2048))
    {
        m_progress.total = generator.size();
    }

    Result<void> create()
    {
        m_progress.stage = QStringLiteral("creating project");
        m_control.report(m_progress);
        // Data units are added chunk by chunk with their rows, in the same order.
        auto created = SqliteStore::create(m_path, m_generator.projectInfo(), m_generator.ontology(), {});
        if (!created) {
            // create() refuses to touch an existing file, so anything on disk now is its own half-made file.
            if (!QFileInfo::exists(m_path))
                return created.takeError();
            return failed(created.error());
        }
        m_store = std::move(created).value();
        return createBranches();
    }

    Result<BranchRowCounts> writeRows()
    {
        const int size = m_generator.size();
        BranchRowCounts rowCounts{};
        QStringList branches;
        for (const QString &name : branchNameTable())
            branches << name;
        m_writer.emplace(m_store->database());
        if (Result<void> begun = m_writer->begin(branches); !begun)
            return failed(begun.error());
        m_progress.stage = QStringLiteral("writing label rows");
        m_progress.batchesTotal = (size + m_chunk - 1) / m_chunk;
        startChunk(0);
        for (int first = 0; first < size; first += m_chunk) {
            PreparedChunk chunk = m_pending.takeResult();
            if (chunk.end < size)
                startChunk(chunk.end);
            if (m_control.isCancelled())
                return failed(QStringLiteral("demo project cancelled; the partly written file was removed"));
            if (!chunk.error.isEmpty())
                return failed(chunk.error);
            if (Result<void> written = m_writer->write(chunk.batch); !written)
                return failed(written.error());
            for (size_t b = 0; b < rowCounts.size(); ++b)
                rowCounts[b] += chunk.rowCounts[b];
            m_progress.done = chunk.end;
            ++m_progress.batchesDone;
            m_control.report(m_progress);
        }
        if (auto finished = m_writer->finish(); !finished)
            return failed(finished.error());
        return rowCounts;
    }

private:
    Result<void> createBranches()
    {
        const auto &names = branchNameTable();
        const QString createdFrom[BranchCount] = {QString(), QString(), kMainBranch, kMainBranch};
        const bool snapshot[BranchCount] = {false, false, true, false};
        for (int b = 0; b < BranchCount; ++b) {
            auto exists = m_store->branchExists(names[static_cast<size_t>(b)]);
            if (!exists)
                return failed(exists.error());
            if (exists.value())
                continue;
            auto made = m_store->createBranch(names[static_cast<size_t>(b)], createdFrom[b], snapshot[b]);
            if (!made)
                return failed(made.error());
        }
        return {};
    }

    void startChunk(int first)
    {
        const int end = std::min(m_generator.size(), first + m_chunk);
        m_pending = QtConcurrent::run([this, first, end] { return prepareChunk(m_builder, first, end); });
    }

    Error failed(const QString &message)
    {
        m_pending.waitForFinished(); // it reads `m_builder`
        m_writer.reset();            // its statements go before the connection,
        m_store.reset();             // and the connection before the file
        removeProjectFiles(m_path);
        return fail(message);
    }

    const DemoGenerator &m_generator;
    const DemoUnitBuilder m_builder;
    const QString m_path;
    const JobControl &m_control;
    const int m_chunk;
    Progress m_progress;
    QFuture<PreparedChunk> m_pending;
    std::unique_ptr<SqliteStore> m_store;
    std::optional<SqliteDemoWriter> m_writer; // declared after m_store: destroyed before it
};

} // namespace

Result<BranchRowCounts> writeDemoProject(const DemoGenerator &generator, const QString &path,
                                         const JobControl &control)
{
    ProjectWriter writer(generator, path, control);
    if (Result<void> created = writer.create(); !created)
        return created.takeError();
    return writer.writeRows();
}

} // namespace lb::demo
