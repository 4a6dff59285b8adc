#include "demo/demogenerator.h"

#include "demo/demoontology.h"
#include "demo/demounitbuilder.h"
#include "domain/branchname.h"
#include "store/sqlite/sqlitestore.h"

#include <algorithm>
#include <array>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

// The demo generator's public face and the writing of a project file. What a data unit looks like on each
// branch is decided in demounitbuilder.cpp, from scenes (demoscene.cpp), their edits (demoedits.cpp) and
// their Encord JSON (demorowjson.cpp).

namespace lb {

using namespace demo;

DemoGenerator::DemoGenerator(int size, quint64 seed)
    : m_size(std::clamp(size, kMinSize, kMaxSize)), m_seed(seed)
{
    // 12 videos in the default project; at benchmark sizes the count is capped so videos do not dominate.
    const int scaled = static_cast<int>((static_cast<qint64>(m_size) * 12 + kDefaultSize / 2) / kDefaultSize);
    m_videoCount = std::clamp(scaled, m_size >= 20 ? 1 : 0, 48);
}

Result<int> DemoGenerator::parseSize(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("small"))
        return kSmallSize;
    if (t == QLatin1String("default"))
        return kDefaultSize;
    if (t == QLatin1String("large"))
        return kLargeSize;
    bool ok = false;
    const int n = t.toInt(&ok);
    if (!ok || n < kMinSize || n > kMaxSize)
        return fail(
            QStringLiteral("demo size must be small, default, large or a number from %1 to %2, not '%3'")
                .arg(kMinSize)
                .arg(kMaxSize)
                .arg(text));
    return n;
}

ProjectInfo DemoGenerator::projectInfo() const
{
    ProjectInfo info;
    info.projectHash = QString::fromStdString(projectUuid(m_seed, 1));
    info.title = QStringLiteral("Urban driving demo");
    info.description = QStringLiteral("Generated driving scenes: %1 data units (%2 videos), seed %3")
                           .arg(m_size)
                           .arg(m_videoCount)
                           .arg(m_seed);
    return info;
}

Ontology DemoGenerator::ontology() const
{
    Ontology o;
    o.ontologyHash = QString::fromStdString(projectUuid(m_seed, 2));
    o.title = QStringLiteral("Driving scenes");
    for (const ClassDef &c : kClasses)
        o.objects.append(OntologyObject{QString::fromLatin1(c.featureHash), QString::fromLatin1(c.name),
                                        QString::fromLatin1(c.shape), QString::fromLatin1(c.color)});
    for (const ClassificationDef &def : kClassifications) {
        OntologyClassification c;
        c.featureHash = QString::fromLatin1(def.featureHash);
        c.name = QString::fromLatin1(def.attributeName);
        c.attributeHash = QString::fromLatin1(def.attributeHash);
        for (int i = 0; i < def.optionCount; ++i) {
            c.optionLabels.append(QString::fromLatin1(def.options[static_cast<size_t>(i)].label));
            c.optionHashes.append(QString::fromLatin1(def.options[static_cast<size_t>(i)].featureHash));
        }
        o.classifications.append(c);
    }
    return o;
}

QList<DataUnit> DemoGenerator::dataUnits() const
{
    const DemoUnitBuilder builder{*this, projectUuid(m_seed, 3), "Urban drives 2026"};
    QList<DataUnit> units;
    units.reserve(m_size);
    for (int i = 0; i < m_size; ++i) {
        const UnitInfo u = builder.unitInfo(i);
        DataUnit d;
        d.dataHash = QString::fromStdString(u.dataHash);
        d.dataTitle = QString::fromStdString(u.title);
        d.dataType = u.video ? DataType::Video : DataType::Image;
        d.datasetHash = QString::fromStdString(builder.datasetHash);
        d.datasetTitle = QString::fromStdString(builder.datasetTitle);
        d.width = u.width;
        d.height = u.height;
        d.frameCount = u.frames;
        d.fps = u.fps;
        units.append(d);
    }
    return units;
}

QStringList DemoGenerator::branchNames() const
{
    QStringList names;
    for (const QString &name : branchNameTable())
        names.append(name);
    return names;
}

Result<QList<LabelRowDocument>> DemoGenerator::rows(const QString &branch, int first, int count) const
{
    const auto &names = branchNameTable();
    const auto it = std::find(names.begin(), names.end(), branch);
    if (it == names.end())
        return fail(QStringLiteral("the demo project has no branch '%1'").arg(branch));
    const size_t b = static_cast<size_t>(it - names.begin());
    const DemoUnitBuilder builder{*this, projectUuid(m_seed, 3), "Urban drives 2026"};
    QList<LabelRowDocument> out;
    const int end = std::min(m_size, first + std::max(0, count));
    for (int i = std::max(0, first); i < end; ++i) {
        try {
            UnitDocs unit = builder.build(i);
            if (!unit.error.isEmpty())
                return fail(unit.error);
            if (unit.docs[b])
                out.append(std::move(*unit.docs[b]));
        } catch (const std::exception &e) {
            return fail(QStringLiteral("demo data unit %1: %2").arg(i).arg(QString::fromUtf8(e.what())));
        }
    }
    return out;
}

namespace {

// The rows of a run of data units, per branch, built off the writing thread.
struct GeneratedChunk
{
    int end = 0;
    std::array<QList<LabelRowDocument>, BranchCount> perBranch;
    QString error;
};

GeneratedChunk generateChunk(const DemoUnitBuilder &builder, int first, int end)
{
    struct Slot
    {
        int index = 0;
        UnitDocs docs;
    };
    QList<Slot> slots;
    slots.reserve(end - first);
    for (int i = first; i < end; ++i)
        slots.append(Slot{i, {}});
    // Units are independent streams, so they can be built on any thread in any order.
    QtConcurrent::blockingMap(slots, [&builder](Slot &slot) {
        try {
            slot.docs = builder.build(slot.index);
        } catch (const std::exception &e) {
            slot.docs.error =
                QStringLiteral("demo data unit %1: %2").arg(slot.index).arg(QString::fromUtf8(e.what()));
        }
    });
    GeneratedChunk chunk;
    chunk.end = end;
    for (Slot &slot : slots) {
        if (!slot.docs.error.isEmpty()) {
            chunk.error = slot.docs.error;
            return chunk;
        }
        for (size_t b = 0; b < chunk.perBranch.size(); ++b)
            if (slot.docs.docs[b])
                chunk.perBranch[b].append(std::move(*slot.docs.docs[b]));
    }
    return chunk;
}

void removeProjectFiles(const QString &path)
{
    for (const QString &suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

// Writes the generated rows into a new project file. A pipeline: the next chunk is generated while this one
// is written, and written documents are freed on a pool thread, so the writing thread does little besides
// writing. Any failure (or cancel) removes the partly written file.
class ProjectWriter
{
public:
    ProjectWriter(const DemoGenerator &generator, const QString &path, const JobControl &control)
        : m_generator(generator), m_builder{generator, projectUuid(generator.seed(), 3), "Urban drives 2026"},
          m_path(path), m_control(control)
    {
        m_progress.total = generator.size();
    }

    Result<void> create(const QList<DataUnit> &units)
    {
        m_progress.stage = QStringLiteral("creating project");
        m_control.report(m_progress);
        auto created = SqliteStore::create(m_path, m_generator.projectInfo(), m_generator.ontology(), units);
        if (!created) {
            // create() refuses to touch an existing file, so anything on disk now is its own half-made file.
            if (!QFileInfo::exists(m_path))
                return created.takeError();
            return failed(created.error());
        }
        m_store = std::move(created).value();
        return {};
    }

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

    // Rows written per branch, by BranchIndex.
    Result<std::array<int, BranchCount>> writeRows()
    {
        const int size = m_generator.size();
        std::array<int, BranchCount> rowCounts{};
        m_progress.stage = QStringLiteral("writing label rows");
        m_progress.batchesTotal = (size + kChunk - 1) / kChunk;
        startChunk(0);
        for (int first = 0; first < size; first += kChunk) {
            GeneratedChunk chunk = m_pending.takeResult();
            const int end = chunk.end;
            if (end < size)
                startChunk(end);
            if (m_control.isCancelled())
                return failed(QStringLiteral("demo project cancelled; the partly written file was removed"));
            if (!chunk.error.isEmpty())
                return failed(chunk.error);
            if (Result<void> written = writeChunk(chunk, rowCounts); !written)
                return written.takeError();
            m_disposals.append(
                QtConcurrent::run([written = std::move(chunk)]() mutable { written = GeneratedChunk(); }));
            m_progress.done = end;
            ++m_progress.batchesDone;
            m_control.report(m_progress);
        }
        for (QFuture<void> &d : m_disposals)
            d.waitForFinished();
        return rowCounts;
    }

private:
    static constexpr int kChunk = 256;

    void startChunk(int first)
    {
        const int end = std::min(m_generator.size(), first + kChunk);
        m_pending = QtConcurrent::run([this, first, end] { return generateChunk(m_builder, first, end); });
    }

    Result<void> writeChunk(const GeneratedChunk &chunk, std::array<int, BranchCount> &rowCounts)
    {
        const auto &names = branchNameTable();
        for (size_t b = 0; b < chunk.perBranch.size(); ++b) {
            if (chunk.perBranch[b].isEmpty())
                continue;
            auto written = m_store->writeRows(0, names[b], chunk.perBranch[b], false);
            if (!written)
                return failed(written.error());
            rowCounts[b] += chunk.perBranch[b].size();
        }
        return {};
    }

    Error failed(const QString &message)
    {
        m_pending.waitForFinished(); // it reads `m_builder`
        for (QFuture<void> &d : m_disposals)
            d.waitForFinished();
        m_store.reset(); // close the connection before the file goes
        removeProjectFiles(m_path);
        return fail(message);
    }

    const DemoGenerator &m_generator;
    const DemoUnitBuilder m_builder;
    const QString m_path;
    const JobControl &m_control;
    Progress m_progress;
    QFuture<GeneratedChunk> m_pending;
    QList<QFuture<void>> m_disposals;
    std::unique_ptr<SqliteStore> m_store;
};

} // namespace

Result<DemoReport> DemoGenerator::writeProject(const QString &path, const JobControl &control) const
{
    if (path.isEmpty())
        return fail(QStringLiteral("no file name given for the demo project"));
    if (QFileInfo::exists(path))
        return fail(
            QStringLiteral("%1 already exists; the demo project is only written to a new file").arg(path));

    const QList<DataUnit> units = dataUnits();
    DemoReport report;
    report.path = path;
    report.dataUnits = m_size;
    report.videos = m_videoCount;
    report.images = m_size - m_videoCount;

    ProjectWriter writer(*this, path, control);
    if (Result<void> created = writer.create(units); !created)
        return created.takeError();
    if (Result<void> branches = writer.createBranches(); !branches)
        return branches.takeError();
    const Result<std::array<int, BranchCount>> rowCounts = writer.writeRows();
    if (!rowCounts)
        return rowCounts.takeError();
    const auto &names = branchNameTable();
    for (size_t b = 0; b < names.size(); ++b)
        report.rowsPerBranch.append({names[b], rowCounts.value()[b]});
    return report;
}

} // namespace lb
