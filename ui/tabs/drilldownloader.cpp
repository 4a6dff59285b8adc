// The drill-down's loading, apart from its widgets (drilldownpane.cpp): what a job reads on its worker thread
// for one data unit (both label rows, their object diff, the ontology, the image of the media folder, a
// group's children) and the DrillDownPane members that start that job, cancel it and hand its result to
// apply().

#include "canvas/canvasmedia.h"
#include "jobs/job.h"
#include "jobs/jobmanager.h"
#include "store/store.h"
#include "tabs/drilldownpane.h"

#include <algorithm>
#include <QImageReader>

namespace lb {

namespace {

// The drill-down's jobs are listed under this view; clear() cancels the latest (cancelLoad()).
const QString kViewKey = QStringLiteral("compare-drilldown");

struct LoadRequest
{
    QString dataHash;
    QString dataTitle;
    DataType dataType = DataType::Image;
    QString sourceBranch, targetBranch;
    QString sourceLabelHash, targetLabelHash;
    QString mediaFolder;
};

Result<std::optional<LabelRowDocument>> fetchRow(Store &store, const QString &branch,
                                                 const QString &labelHash)
{
    if (labelHash.isEmpty())
        return std::optional<LabelRowDocument>();
    Result<QList<LabelRowDocument>> rows = store.fetchContents(branch, {labelHash});
    if (!rows)
        return rows.takeError();
    if (rows->isEmpty())
        return std::optional<LabelRowDocument>();
    return std::optional<LabelRowDocument>(rows->constFirst());
}

// Runs on the job's worker thread with the job's own store.
Result<DrillDownContent> loadContent(Store &store, const LoadRequest &request)
{
    Result<std::optional<LabelRowDocument>> source =
        fetchRow(store, request.sourceBranch, request.sourceLabelHash);
    if (!source)
        return source.takeError();
    Result<std::optional<LabelRowDocument>> target =
        fetchRow(store, request.targetBranch, request.targetLabelHash);
    if (!target)
        return target.takeError();

    DrillDownContent content;
    content.dataHash = request.dataHash;
    content.dataTitle = request.dataTitle;
    content.dataType = request.dataType;
    content.sourceBranch = request.sourceBranch;
    content.targetBranch = request.targetBranch;
    if (Result<Ontology> ontology = store.ontology())
        content.ontology = ontology.value();
    const LabelRowDocument *sourceRow = source->has_value() ? &source->value() : nullptr;
    const LabelRowDocument *targetRow = target->has_value() ? &target->value() : nullptr;
    content.diff = computeObjectDiff(sourceRow, targetRow);
    for (const LabelRowDocument *row : {targetRow, sourceRow}) {
        if (row && content.imageSize.isEmpty() && row->width() > 0 && row->height() > 0)
            content.imageSize = QSize(row->width(), row->height());
        if (row)
            content.frameCount = std::max(content.frameCount, row->frameCount());
    }
    if (!content.diff.frames.isEmpty())
        content.frameCount = std::max(content.frameCount, content.diff.frames.constLast().frame + 1);
    // A row without its size: a bitmask's covers the image (docs/encord-api.md §4.4).
    for (const ObjectChange &change : content.diff.objects) {
        const std::optional<ObjectAnnotation> &a = change.target ? change.target : change.source;
        if (content.imageSize.isEmpty() && a && a->geometry.shape == ShapeType::Bitmask &&
            a->geometry.bitmask.width > 0 && a->geometry.bitmask.height > 0)
            content.imageSize = QSize(a->geometry.bitmask.left + a->geometry.bitmask.width,
                                      a->geometry.bitmask.top + a->geometry.bitmask.height);
    }
    if (content.dataType.isContainer() || content.diff.dataType.isContainer())
        content.children = groupChildren(sourceRow, targetRow);

    content.imagePath = canvasmedia::findImage(request.mediaFolder, request.dataTitle, request.dataHash);
    if (!content.imagePath.isEmpty()) {
        QImageReader reader(content.imagePath);
        reader.setAutoTransform(true);
        content.image = reader.read();
        if (content.image.isNull())
            content.imagePath.clear();
        else if (content.imageSize.isEmpty())
            content.imageSize = content.image.size();
    }
    return content;
}

} // namespace

void DrillDownPane::setJobManager(JobManager *jobs)
{
    m_jobs = jobs;
}

void DrillDownPane::cancelLoad()
{
    if (m_jobs) {
        if (Job *job = m_jobs->latestForView(kViewKey); job && job->isActive())
            m_jobs->cancel(job->id());
    }
}

void DrillDownPane::load()
{
    if (m_requested.dataHash.isEmpty())
        return;
    if (!m_jobs) {
        showMessage(tr("Labels cannot be loaded: no project is open."));
        return;
    }
    const DiffEntry &entry = m_requested.entry;
    if (entry.sourceLabelHash.isEmpty() && entry.targetLabelHash.isEmpty()) {
        showMessage(tr("%1 has no labels on either branch.").arg(entry.dataTitle));
        return;
    }
    LoadRequest request;
    request.dataHash = entry.dataHash;
    request.dataTitle = entry.dataTitle;
    request.dataType = entry.dataType;
    request.sourceBranch = m_requested.sourceBranch;
    request.targetBranch = m_requested.targetBranch;
    request.sourceLabelHash = entry.sourceLabelHash;
    request.targetLabelHash = entry.targetLabelHash;
    request.mediaFolder = mediaFolder();
    Job *job = m_jobs->start(
        tr("Load labels of %1").arg(entry.dataTitle),
        [request](Store &store, const JobControl &) -> Result<JobResult> {
            Result<DrillDownContent> content = loadContent(store, request);
            if (!content)
                return content.takeError();
            JobResult out;
            out.summary = DrillDownPane::tr("%1 objects, %2 changed")
                              .arg(content->diff.instances.size())
                              .arg(content->diff.added + content->diff.removed + content->diff.edited);
            out.value = QVariant::fromValue(content.value());
            return out;
        },
        kViewKey, JobListing::Background);
    const QString dataHash = request.dataHash;
    connect(job, &Job::resultReady, this, [this, job, dataHash] {
        // A newer selection or a clear() since the start: the result is not what the pane shows any more.
        if (dataHash != m_requested.dataHash)
            return;
        m_loading = false;
        if (job->state() == JobState::Failed) {
            showMessage(tr("The labels could not be read: %1").arg(job->errorMessage()));
            return;
        }
        if (job->state() != JobState::Finished)
            return;
        apply(job->resultValue().value<DrillDownContent>());
    });
}

} // namespace lb
