#include "engine/branchcomparison.h"
#include "engine/qualitymeasure.h"
#include "engine/qualitymeasureunits.h"
#include "store/store.h"

#include <QtConcurrent/QtConcurrentMap>

namespace lb {

namespace {

using namespace qualityunits;

// The cell's pairs among the pairs one data unit's matching counted, with their objects.
QualityCellUnit cellPairs(const DiffEntry &entry, const QualityCell &cell, const QList<CountedPair> &pairs)
{
    QualityCellUnit found{entry.unit, entry.dataHash, 0, {}, {}};
    for (const CountedPair &pair : pairs) {
        if (!cell.contains(pair.referenceClass, pair.predictedClass))
            continue;
        ++found.pairs;
        if (!pair.referenceObject.isEmpty() && !found.referenceObjects.contains(pair.referenceObject))
            found.referenceObjects.append(pair.referenceObject);
        if (!pair.predictedObject.isEmpty() && !found.predictedObjects.contains(pair.predictedObject))
            found.predictedObjects.append(pair.predictedObject);
    }
    return found;
}

// Follows QualityMeasure's accumulator: the same data units are counted from class counts, the same read.
class CellSearch
{
public:
    CellSearch(Store &store, const QualityMeasure::Options &options, const QualityCell &cell,
               const QualityMeasure::CellSink &sink)
        : m_store(store), m_options(options), m_cell(cell), m_sink(sink)
    {
    }

    Result<void> add(const DiffEntry &entry)
    {
        if (entry.status == DiffStatus::UninitialisedOnBoth)
            return {};
        const bool identical = entry.status == DiffStatus::Identical;
        const QHash<QString, int> &predicted = identical ? entry.sourceClassCounts : entry.targetClassCounts;
        if (!m_cell.possibleIn(entry.sourceClassCounts, predicted))
            return {};
        const bool counted =
            objectsOnOneFrame(entry.dataType) && (identical || entry.status == DiffStatus::OnlyInSource ||
                                                  entry.status == DiffStatus::OnlyInTarget);
        if (counted)
            return report(countedUnit(entry));
        m_pending.append(entry);
        return m_pending.size() >= QualityMeasure::kBundle ? flush() : Result<void>();
    }

    Result<void> flush()
    {
        Result<QList<UnitRows>> units = read(m_store, m_options.reference, m_options.prediction, m_pending);
        if (!units)
            return units.takeError();
        QList<std::pair<DiffEntry, UnitRows>> work;
        for (qsizetype i = 0; i < m_pending.size(); ++i)
            work.append({m_pending.at(i), units->at(i)});
        m_pending.clear();
        const QList<Result<QualityCellUnit>> found = QtConcurrent::blockingMapped(
            work, [this](const std::pair<DiffEntry, UnitRows> &unit) -> Result<QualityCellUnit> {
                QList<CountedPair> pairs;
                Result<QualityMetrics> measured =
                    measure(unit.second, m_options.iouThreshold, m_options.classes, &pairs);
                if (!measured)
                    return measured.takeError();
                return cellPairs(unit.first, m_cell, pairs);
            });
        for (const Result<QualityCellUnit> &unit : found) {
            if (!unit)
                return fail(unit.error());
            if (Result<void> reported = report(unit.value()); !reported)
                return reported;
        }
        return {};
    }

    qint64 pairs() const { return m_pairs; }

private:
    // A data unit the measure counts from its class counts: identical (each object a pair of its class),
    // or on one side only (each missed or extra).
    QualityCellUnit countedUnit(const DiffEntry &entry) const
    {
        QualityCellUnit found{entry.unit, entry.dataHash, 0, {}, {}};
        const bool target = entry.status == DiffStatus::OnlyInTarget;
        const QHash<QString, int> &counts = target ? entry.targetClassCounts : entry.sourceClassCounts;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
            if (it.value() <= 0 || (!m_options.classes.isEmpty() && !m_options.classes.contains(it.key())))
                continue;
            const QString reference = target ? QualityMetrics::none() : it.key();
            const QString predicted =
                entry.status == DiffStatus::OnlyInSource ? QualityMetrics::none() : it.key();
            if (m_cell.contains(reference, predicted))
                found.pairs += it.value();
        }
        return found;
    }

    Result<void> report(const QualityCellUnit &unit)
    {
        if (unit.pairs == 0)
            return {};
        m_pairs += unit.pairs;
        return m_sink(unit);
    }

    Store &m_store;
    const QualityMeasure::Options &m_options;
    const QualityCell &m_cell;
    const QualityMeasure::CellSink &m_sink;
    QList<DiffEntry> m_pending;
    qint64 m_pairs = 0;
};

} // namespace

Result<qint64> QualityMeasure::findCell(Store &store, const Options &options, const QualityCell &cell,
                                        const CellSink &sink, const JobControl &control)
{
    CellSearch search(store, options, cell, sink);
    Result<void> streamed = qualityunits::streamComparison(
        store, options.reference, options.prediction,
        [&search](const DiffEntry &entry) { return search.add(entry); }, [&search] { return search.flush(); },
        control, QStringLiteral("search"));
    if (!streamed)
        return streamed.takeError();
    return search.pairs();
}

Result<QualityCellUnit> QualityMeasure::cellOn(Store &store, const Options &options, const QualityCell &cell,
                                               const DiffEntry &entry)
{
    Result<QList<UnitRows>> units = read(store, options.reference, options.prediction, {entry});
    if (!units)
        return units.takeError();
    QList<CountedPair> pairs;
    Result<QualityMetrics> measured = measure(units->first(), options.iouThreshold, options.classes, &pairs);
    if (!measured)
        return measured.takeError();
    return cellPairs(entry, cell, pairs);
}

} // namespace lb
