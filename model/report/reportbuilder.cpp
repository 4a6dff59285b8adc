#include "report/reportbuilder.h"

#include "engine/branchcomparison.h"
#include "engine/qualitymeasure.h"
#include "engine/qualitymeasureunits.h"
#include "store/store.h"

#include <algorithm>
#include <QtConcurrent/QtConcurrentMap>

namespace lb {

namespace {

// A differing data unit's rows, read for its object diff.
struct UnitRows
{
    const DiffEntry *entry = nullptr;
    QByteArray source, target;
};

// The object diff of one data unit, with the size and frames the overlay needs (as the drill-down has them).
Result<ReportUnit> diffUnit(const UnitRows &rows)
{
    auto source = qualityunits::parse(rows.source);
    if (!source)
        return source.takeError();
    auto target = qualityunits::parse(rows.target);
    if (!target)
        return target.takeError();
    ReportUnit unit;
    unit.entry = *rows.entry;
    const LabelRowDocument *sourceRow = source->has_value() ? &source->value() : nullptr;
    const LabelRowDocument *targetRow = target->has_value() ? &target->value() : nullptr;
    unit.diff = computeObjectDiff(sourceRow, targetRow);
    for (const LabelRowDocument *row : {targetRow, sourceRow}) {
        if (row && unit.imageSize.isEmpty() && row->width() > 0 && row->height() > 0)
            unit.imageSize = QSize(row->width(), row->height());
        if (row)
            unit.frameCount = std::max(unit.frameCount, row->frameCount());
    }
    if (!unit.diff.frames.isEmpty())
        unit.frameCount = std::max(unit.frameCount, unit.diff.frames.constLast().frame + 1);
    return unit;
}

bool ranksAbove(const ReportUnit &a, const ReportUnit &b)
{
    if (a.changedObjects() != b.changedObjects())
        return a.changedObjects() > b.changedObjects();
    return a.changedClassifications() > b.changedClassifications();
}

// Streams the comparison: adds every entry to the totals and diffs the differing ones a bundle at a time,
// keeping the most changed; once enough are kept, a unit with too few objects to change more is passed over.
class Collector
{
public:
    Collector(Store &store, ReportData &report) : m_store(store), m_report(report) {}

    Result<void> add(const DiffEntry &entry)
    {
        m_report.summary.add(entry);
        if (m_report.options.topUnits <= 0 || !diffStatusIsDifference(entry.status) ||
            cannotRankAmongKept(entry))
            return {};
        m_pending.append(entry);
        return m_pending.size() >= ReportBuilder::kBundle ? flush() : Result<void>();
    }

    Result<void> flush()
    {
        auto rows = qualityunits::read(m_store, m_report.options.source, m_report.options.target, m_pending);
        if (!rows)
            return rows.takeError();
        QList<UnitRows> units;
        units.reserve(m_pending.size());
        for (qsizetype i = 0; i < m_pending.size(); ++i)
            units.append({&m_pending.at(i), rows->at(i).reference, rows->at(i).prediction});
        const QList<Result<ReportUnit>> diffed = QtConcurrent::blockingMapped(units, &diffUnit);
        m_pending.clear(); // after the tasks: they point into it
        for (const Result<ReportUnit> &unit : diffed) {
            if (!unit)
                return fail(unit.error());
            keep(unit.value());
        }
        return {};
    }

private:
    // A unit changes at most every object of both its rows, and its counts count each object at least once
    // (once per frame for video): with fewer than the least changed kept unit, it is not read.
    bool cannotRankAmongKept(const DiffEntry &entry) const
    {
        const QList<ReportUnit> &top = m_report.topUnits;
        return top.size() >= m_report.options.topUnits &&
               entry.sourceCount + entry.targetCount < top.constLast().changedObjects();
    }

    // Inserted after the units that rank as high, so ties keep the comparison's (title) order.
    void keep(const ReportUnit &unit)
    {
        if (unit.changedObjects() + unit.changedClassifications() == 0)
            return;
        QList<ReportUnit> &top = m_report.topUnits;
        const auto at = std::upper_bound(top.begin(), top.end(), unit, ranksAbove);
        if (at - top.begin() >= m_report.options.topUnits)
            return;
        top.insert(at, unit);
        if (top.size() > m_report.options.topUnits)
            top.removeLast();
    }

    Store &m_store;
    ReportData &m_report;
    QList<DiffEntry> m_pending;
};

// The control of one pass: its progress says which pass it is.
JobControl passControl(const JobControl &control, const QString &pass)
{
    JobControl inner = control;
    inner.onProgress = [&control, pass](const Progress &progress) {
        Progress named = progress;
        named.stage = progress.stage.isEmpty() ? pass : pass + QStringLiteral(": ") + progress.stage;
        control.report(named);
    };
    return inner;
}

} // namespace

int ReportUnit::shownFrame() const
{
    if (!diff.changedFrames.isEmpty())
        return diff.changedFrames.constFirst();
    return diff.frames.isEmpty() ? 0 : diff.frames.constFirst().frame;
}

Result<ReportData> ReportBuilder::run(Store &store, const ReportOptions &options, const JobControl &control)
{
    ReportData report;
    report.options = options;
    report.createdAt = QDateTime::currentDateTimeUtc();
    Result<Ontology> ontology = store.ontology();
    if (!ontology)
        return ontology.takeError();
    report.ontology = std::move(ontology).value();

    Collector collector(store, report);
    DiffQuery query;
    query.sourceBranch = options.source;
    query.targetBranch = options.target;
    const Result<qint64> compared = BranchComparison(store).forEach(
        query, [&collector](const DiffEntry &entry) { return collector.add(entry); },
        passControl(control, QStringLiteral("objects (1 of 2)")));
    if (!compared)
        return compared.takeError();
    if (control.isCancelled())
        return fail(ErrorKind::Cancelled, QStringLiteral("the report was cancelled"));
    if (Result<void> flushed = collector.flush(); !flushed)
        return flushed.takeError();

    QualityMeasure::Options measure;
    measure.reference = report.reference();
    measure.prediction = report.prediction();
    measure.iouThreshold = options.iouThreshold;
    Result<QualityMetrics> metrics =
        QualityMeasure::run(store, measure, passControl(control, QStringLiteral("metrics (2 of 2)")));
    if (!metrics)
        return metrics.takeError();
    report.metrics = std::move(metrics).value();
    return report;
}

} // namespace lb
