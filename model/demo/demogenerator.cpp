#include "demo/demogenerator.h"

#include "demo/demomodalities.h"
#include "demo/demoontology.h"
#include "demo/demoprojectwriter.h"
#include "demo/demounitbuilder.h"
#include "store/sqlite/sqlitestore.h"

#include <algorithm>
#include <QFile>
#include <QFileInfo>

// The demo generator's public face. What a data unit looks like on each branch is decided in
// demounitbuilder.cpp, from scenes (demoscene.cpp), their edits (demoedits.cpp) and their Encord JSON
// (demorowjson.cpp); demoprojectwriter.cpp writes them into a project file.

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
    if (m_allModalities)
        o.objects += modalityClasses();
    return o;
}

QList<DataUnit> DemoGenerator::dataUnits() const
{
    const DemoUnitBuilder builder{*this, projectUuid(m_seed, 3), "Urban drives 2026"};
    QList<DataUnit> units;
    units.reserve(m_size);
    for (int i = 0; i < m_size; ++i)
        units.append(builder.dataUnit(builder.unitInfo(i)));
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

Result<int> DemoGenerator::addModalities(const QString &path, std::array<int, 4> &rowCounts) const
{
    auto store = SqliteStore::open(path);
    if (!store)
        return store.takeError();
    const Result<std::array<int, 4>> written = writeModalityUnits(*store.value(), m_seed);
    if (!written)
        return fail(QStringLiteral("cannot add the other data types to the demo: %1").arg(written.error()));
    for (size_t b = 0; b < rowCounts.size(); ++b)
        rowCounts[b] += written.value()[b];
    return int(modalityUnits(m_seed).size());
}

Result<DemoReport> DemoGenerator::writeProject(const QString &path, const JobControl &control) const
{
    if (path.isEmpty())
        return fail(QStringLiteral("no file name given for the demo project"));
    if (QFileInfo::exists(path))
        return fail(
            QStringLiteral("%1 already exists; the demo project is only written to a new file").arg(path));

    DemoReport report;
    report.path = path;
    report.dataUnits = m_size;
    report.videos = m_videoCount;
    report.images = m_size - m_videoCount;

    const Result<BranchRowCounts> rowCounts = writeDemoProject(*this, path, control);
    if (!rowCounts)
        return rowCounts.takeError();
    BranchRowCounts counts = rowCounts.value();
    if (m_allModalities) {
        const Result<int> added = addModalities(path, counts);
        if (!added) {
            for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                QFile::remove(path + suffix);
            return added.takeError();
        }
        report.otherModalities = added.value();
        report.dataUnits += added.value();
    }
    const auto &names = branchNameTable();
    for (size_t b = 0; b < names.size(); ++b)
        report.rowsPerBranch.append({names[b], counts[b]});
    return report;
}

} // namespace lb
