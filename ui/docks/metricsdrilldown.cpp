// MetricsDock's drill-down: from a cell of the metrics to the data units where it happens, and to its
// objects on the data unit opened (docks/metricsdock.h).
#include "docks/metricsdock.h"
#include "items/branchdiffmodel.h"
#include "jobs/jobmanager.h"
#include "project/projectsession.h"
#include "tabs/comparetab.h"
#include "tabs/drilldownpane.h"

#include <QLabel>
#include <QLocale>
#include <utility>

namespace lb {

namespace {

const QString kCellViewKey = QStringLiteral("metrics-cell");
const QString kHighlightViewKey = QStringLiteral("metrics-highlight");

// The compare's entry seen from the reference: the measure reads the reference as the source side.
DiffEntry asMeasured(DiffEntry entry, bool referenceIsTarget)
{
    if (!referenceIsTarget)
        return entry;
    std::swap(entry.sourceLabelHash, entry.targetLabelHash);
    std::swap(entry.sourceClassCounts, entry.targetClassCounts);
    std::swap(entry.sourceContentHash, entry.targetContentHash);
    if (entry.status == DiffStatus::OnlyInSource)
        entry.status = DiffStatus::OnlyInTarget;
    else if (entry.status == DiffStatus::OnlyInTarget)
        entry.status = DiffStatus::OnlyInSource;
    return entry;
}

} // namespace

void MetricsDock::drillInto(const QualityCell &cell)
{
    if (!m_measured || isRunning())
        return;
    if (m_options.reference != referenceBranch() || m_options.prediction != predictionBranch()) {
        showStatus(tr("The compare shows another pair now; press Measure before drilling down."));
        return;
    }
    const QualityMeasure::Options options = m_options;
    const Ontology ontology = m_session() ? m_session()->ontology() : Ontology();
    const QString what = qualityCellText(cell, ontology);
    Job *job = m_jobs->start(
        tr("Metrics: where %1 happens").arg(what),
        [options, cell](Store &store, const JobControl &control) -> Result<JobResult> {
            MetricsCellUnits found;
            Result<qint64> pairs = QualityMeasure::findCell(
                store, options, cell,
                [&found](const QualityCellUnit &unit) -> Result<void> {
                    found.units.insert(unit.unit);
                    return {};
                },
                control);
            if (!pairs)
                return pairs.takeError();
            found.pairs = pairs.value();
            JobResult out;
            out.summary = MetricsDock::tr("%1 objects in %2 data units")
                              .arg(QLocale().toString(found.pairs), QLocale().toString(found.units.size()));
            out.value = QVariant::fromValue(found);
            return out;
        },
        kCellViewKey);
    trackProgress(job);
    showStatus(tr("Finding the data units where %1 happens…").arg(what));
    connect(job, &Job::resultReady, this, [this, job, cell, options, what] {
        if (job->state() != JobState::Finished) {
            showStatus(job->state() == JobState::Cancelled
                           ? tr("The search was cancelled.")
                           : tr("Cannot search: %1").arg(job->errorMessage()));
            return;
        }
        const auto found = job->resultValue().value<MetricsCellUnits>();
        m_drilled = cell;
        m_drilledOptions = options;
        const QString units = found.units.size() == 1
                                  ? tr("1 data unit")
                                  : tr("%1 data units").arg(QLocale().toString(found.units.size()));
        m_drilledLabel = tr("Filtered: %1 (%2)").arg(what, units);
        m_diffModel->setUnitRestriction(found.units, m_drilledLabel);
        showStatus(tr("The Compare table lists the %1 where %2 happens (%3 objects); open one to see them "
                      "highlighted.")
                       .arg(units, what, QLocale().toString(found.pairs)));
        Q_EMIT drillDownShown(int(found.units.size()));
    });
}

void MetricsDock::highlightOpened(const QString &dataHash)
{
    if (!m_drilled || !m_diffModel->hasUnitRestriction() ||
        m_diffModel->unitRestrictionLabel() != m_drilledLabel)
        return;
    const int row = m_diffModel->rowOfDataHash(dataHash);
    const DiffEntry *shown = m_diffModel->entryAt(row);
    if (!shown)
        return;
    const bool referenceIsTarget = m_drilledOptions.reference == m_diffModel->targetBranch();
    const DiffEntry entry = asMeasured(*shown, referenceIsTarget);
    const QualityMeasure::Options options = m_drilledOptions;
    const QualityCell cell = *m_drilled;
    Job *job = m_jobs->start(
        tr("Objects of the metrics cell on %1").arg(entry.dataTitle),
        [options, cell, entry](Store &store, const JobControl &) -> Result<JobResult> {
            Result<QualityCellUnit> unit = QualityMeasure::cellOn(store, options, cell, entry);
            if (!unit)
                return unit.takeError();
            JobResult out;
            out.value = QVariant::fromValue(unit.value());
            return out;
        },
        kHighlightViewKey, JobListing::Background);
    connect(job, &Job::resultReady, this, [this, job, dataHash] {
        DrillDownPane *pane = m_compareTab->drillDown();
        if (job->state() != JobState::Finished || pane->dataHash() != dataHash)
            return;
        const auto unit = job->resultValue().value<QualityCellUnit>();
        // The canvas names an object by the target's hash: the prediction's when the reference is the source.
        const bool referenceIsTarget = m_drilledOptions.reference == m_diffModel->targetBranch();
        m_highlighted = referenceIsTarget ? unit.referenceObjects + unit.predictedObjects
                                          : unit.predictedObjects + unit.referenceObjects;
        pane->highlightObjects(m_highlighted);
        const int objects = int(qMax(unit.referenceObjects.size(), unit.predictedObjects.size()));
        showStatus(
            objects == 1
                ? tr("%1: the highlighted object is the one of the cell.").arg(pane->content().dataTitle)
                : tr("%1: %2 objects of the cell; the first is highlighted, the object list "
                     "shows the others.")
                      .arg(pane->content().dataTitle)
                      .arg(objects));
        Q_EMIT objectsHighlighted(dataHash);
    });
}

} // namespace lb
