#include "engine/qualitymeasure.h"

#include "engine/branchcomparison.h"
#include "store/store.h"

#include <QMap>

namespace lb {

namespace {

// Whether every object of the type sits on one frame, so its per-class counts are its objects per frame.
bool objectsOnOneFrame(const DataType &type)
{
    return type == DataType::Image || type == DataType::ImageGroup || type.objectsInAnswers() ||
           type.isContainer();
}

QMap<int, QList<ObjectAnnotation>> objectsByFrame(const LabelRowDocument *row)
{
    QMap<int, QList<ObjectAnnotation>> frames;
    if (row) {
        for (const ObjectAnnotation &object : row->objects())
            frames[object.frame].append(object);
    }
    return frames;
}

// Rows of one branch for the entries' label hashes (empty ones skipped), by label hash.
Result<QHash<QString, LabelRowDocument>> fetchRows(Store &store, const QString &branch,
                                                   const QStringList &labelHashes)
{
    QHash<QString, LabelRowDocument> rows;
    if (labelHashes.isEmpty())
        return rows;
    Result<QList<LabelRowDocument>> fetched = store.fetchContents(branch, labelHashes);
    if (!fetched)
        return fetched.takeError();
    for (qsizetype i = 0; i < labelHashes.size() && i < fetched->size(); ++i)
        rows.insert(labelHashes.at(i), std::move((*fetched)[i]));
    return rows;
}

class Accumulator
{
public:
    Accumulator(Store &store, const QualityMeasure::Options &options)
        : m_store(store), m_options(options), m_metrics(options.classes)
    {
        m_match.threshold = options.iouThreshold;
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

    // Reads the pending entries' rows and matches them frame by frame.
    Result<void> flush()
    {
        QStringList referenceHashes, predictionHashes;
        for (const DiffEntry &entry : std::as_const(m_pending)) {
            if (!entry.sourceLabelHash.isEmpty())
                referenceHashes.append(entry.sourceLabelHash);
            if (!entry.targetLabelHash.isEmpty() && entry.status != DiffStatus::Identical)
                predictionHashes.append(entry.targetLabelHash);
        }
        auto reference = fetchRows(m_store, m_options.reference, referenceHashes);
        if (!reference)
            return reference.takeError();
        auto prediction = fetchRows(m_store, m_options.prediction, predictionHashes);
        if (!prediction)
            return prediction.takeError();
        for (const DiffEntry &entry : std::as_const(m_pending)) {
            const LabelRowDocument *ref = rowOf(reference.value(), entry.sourceLabelHash);
            const LabelRowDocument *pred = entry.status == DiffStatus::Identical
                                               ? ref
                                               : rowOf(prediction.value(), entry.targetLabelHash);
            addUnit(ref, pred);
        }
        m_pending.clear();
        return {};
    }

    const QualityMetrics &metrics() const { return m_metrics; }

private:
    static const LabelRowDocument *rowOf(const QHash<QString, LabelRowDocument> &rows, const QString &hash)
    {
        const auto found = rows.constFind(hash);
        return hash.isEmpty() || found == rows.cend() ? nullptr : &found.value();
    }

    void addUnit(const LabelRowDocument *reference, const LabelRowDocument *prediction)
    {
        const LabelRowDocument *sized = reference ? reference : prediction;
        m_match.imageSize = sized && sized->width() > 0 && sized->height() > 0
                                ? QSizeF(sized->width(), sized->height())
                                : QSizeF(1, 1);
        const QMap<int, QList<ObjectAnnotation>> referenceFrames = objectsByFrame(reference);
        const QMap<int, QList<ObjectAnnotation>> predictionFrames = objectsByFrame(prediction);
        QList<int> frames = referenceFrames.keys();
        for (const int frame : predictionFrames.keys()) {
            if (!referenceFrames.contains(frame))
                frames.append(frame);
        }
        std::sort(frames.begin(), frames.end());
        for (const int frame : std::as_const(frames))
            m_metrics.addFrame(referenceFrames.value(frame), predictionFrames.value(frame), m_match);
    }

    Store &m_store;
    const QualityMeasure::Options &m_options;
    QualityMetrics m_metrics;
    MatchOptions m_match;
    QList<DiffEntry> m_pending;
};

} // namespace

Result<QualityMetrics> QualityMeasure::run(Store &store, const Options &options, const JobControl &control)
{
    Accumulator accumulator(store, options);
    DiffQuery query;
    query.sourceBranch = options.reference;
    query.targetBranch = options.prediction;
    const Result<qint64> read = BranchComparison(store).forEach(
        query, [&accumulator](const DiffEntry &entry) { return accumulator.add(entry); }, control);
    if (!read)
        return read.takeError();
    if (control.isCancelled())
        return fail(ErrorKind::Cancelled, QStringLiteral("measuring cancelled"));
    if (Result<void> flushed = accumulator.flush(); !flushed)
        return flushed.takeError();
    return accumulator.metrics();
}

} // namespace lb
