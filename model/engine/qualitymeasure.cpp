#include "engine/qualitymeasure.h"

#include "engine/branchcomparison.h"
#include "engine/qualitymeasureunits.h"
#include "store/store.h"

#include <QMap>
#include <QtConcurrent/QtConcurrentMap>

namespace lb {

namespace {

using namespace qualityunits;

class Accumulator
{
public:
    Accumulator(Store &store, const QualityMeasure::Options &options)
        : m_store(store), m_options(options), m_metrics(options.classes)
    {
    }

    Result<void> add(const DiffEntry &entry)
    {
        const bool oneFrame = objectsOnOneFrame(entry.dataType);
        switch (entry.status) {
        case DiffStatus::UninitialisedOnBoth:
            return {};
        case DiffStatus::Identical:
            if (oneFrame) {
                m_metrics.addIdentical(entry.sourceClassCounts);
                return {};
            }
            break;
        case DiffStatus::OnlyInSource:
            if (oneFrame) {
                m_metrics.addMissed(entry.sourceClassCounts);
                return {};
            }
            break;
        case DiffStatus::OnlyInTarget:
            if (oneFrame) {
                m_metrics.addExtra(entry.targetClassCounts);
                return {};
            }
            break;
        default:
            break;
        }
        m_pending.append(entry);
        return m_pending.size() >= QualityMeasure::kBundle ? flush() : Result<void>();
    }

    // Reads the pending entries' rows and matches them frame by frame, a data unit per task.
    Result<void> flush()
    {
        Result<QList<UnitRows>> units = read(m_store, m_options.reference, m_options.prediction, m_pending);
        if (!units)
            return units.takeError();
        m_pending.clear();
        const QList<Result<QualityMetrics>> measured =
            QtConcurrent::blockingMapped(units.value(), [this](const UnitRows &unit) {
                return measure(unit, m_options.iouThreshold, m_options.classes);
            });
        for (const Result<QualityMetrics> &unit : measured) {
            if (!unit)
                return fail(unit.error());
            m_metrics.merge(unit.value());
        }
        return {};
    }

    const QualityMetrics &metrics() const { return m_metrics; }

private:
    Store &m_store;
    const QualityMeasure::Options &m_options;
    QualityMetrics m_metrics;
    QList<DiffEntry> m_pending;
};

} // namespace

Result<QualityMetrics> QualityMeasure::run(Store &store, const Options &options, const JobControl &control)
{
    Accumulator accumulator(store, options);
    Result<void> streamed = qualityunits::streamComparison(
        store, options.reference, options.prediction,
        [&accumulator](const DiffEntry &entry) { return accumulator.add(entry); },
        [&accumulator] { return accumulator.flush(); }, control, QStringLiteral("measuring"));
    if (!streamed)
        return streamed.takeError();
    return accumulator.metrics();
}

} // namespace lb
