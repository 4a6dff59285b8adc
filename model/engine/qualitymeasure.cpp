#include "engine/qualitymeasure.h"

#include "engine/branchcomparison.h"
#include "store/store.h"

#include <QMap>
#include <QtConcurrent/QtConcurrentMap>

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

// The stored JSON of one branch's rows for the label hashes, by label hash.
Result<QHash<QString, QByteArray>> fetchBytes(Store &store, const QString &branch,
                                              const QStringList &labelHashes)
{
    QHash<QString, QByteArray> rows;
    if (labelHashes.isEmpty())
        return rows;
    Result<QList<QByteArray>> fetched = store.fetchContentBytes(branch, labelHashes);
    if (!fetched)
        return fetched.takeError();
    for (qsizetype i = 0; i < labelHashes.size() && i < fetched->size(); ++i)
        rows.insert(labelHashes.at(i), fetched->at(i));
    return rows;
}

// One data unit to measure: the JSON of its rows (empty when a side has none).
struct UnitRows
{
    QByteArray reference, prediction;
    bool identical = false;
};

Result<std::optional<LabelRowDocument>> parsed(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return std::optional<LabelRowDocument>();
    Result<LabelRowDocument> row = LabelRowDocument::fromBytes(bytes);
    if (!row)
        return row.takeError();
    return std::optional(std::move(row).value());
}

// Matches the objects of one data unit's two rows frame by frame.
Result<QualityMetrics> measureUnit(const UnitRows &unit, const QualityMeasure::Options &options)
{
    QualityMetrics metrics(options.classes);
    auto reference = parsed(unit.reference);
    auto prediction = unit.identical
                          ? Result<std::optional<LabelRowDocument>>(std::optional<LabelRowDocument>())
                          : parsed(unit.prediction);
    if (!reference || !prediction)
        return fail(reference ? prediction.error() : reference.error());
    const LabelRowDocument *ref = reference->has_value() ? &reference->value() : nullptr;
    const LabelRowDocument *pred = unit.identical            ? ref
                                   : prediction->has_value() ? &prediction->value()
                                                             : nullptr;
    MatchOptions match;
    match.threshold = options.iouThreshold;
    const LabelRowDocument *sized = ref ? ref : pred;
    if (sized && sized->width() > 0 && sized->height() > 0)
        match.imageSize = QSizeF(sized->width(), sized->height());
    const QMap<int, QList<ObjectAnnotation>> referenceFrames = objectsByFrame(ref);
    const QMap<int, QList<ObjectAnnotation>> predictionFrames = objectsByFrame(pred);
    QList<int> frames = referenceFrames.keys();
    for (const int frame : predictionFrames.keys()) {
        if (!referenceFrames.contains(frame))
            frames.append(frame);
    }
    std::sort(frames.begin(), frames.end());
    for (const int frame : std::as_const(frames))
        metrics.addFrame(referenceFrames.value(frame), predictionFrames.value(frame), match);
    return metrics;
}

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
        QStringList referenceHashes, predictionHashes;
        for (const DiffEntry &entry : std::as_const(m_pending)) {
            if (!entry.sourceLabelHash.isEmpty())
                referenceHashes.append(entry.sourceLabelHash);
            if (!entry.targetLabelHash.isEmpty() && entry.status != DiffStatus::Identical)
                predictionHashes.append(entry.targetLabelHash);
        }
        auto reference = fetchBytes(m_store, m_options.reference, referenceHashes);
        if (!reference)
            return reference.takeError();
        auto prediction = fetchBytes(m_store, m_options.prediction, predictionHashes);
        if (!prediction)
            return prediction.takeError();
        QList<UnitRows> units;
        units.reserve(m_pending.size());
        for (const DiffEntry &entry : std::as_const(m_pending))
            units.append({reference->value(entry.sourceLabelHash), prediction->value(entry.targetLabelHash),
                          entry.status == DiffStatus::Identical});
        m_pending.clear();
        const QList<Result<QualityMetrics>> measured = QtConcurrent::blockingMapped(
            units, [this](const UnitRows &unit) { return measureUnit(unit, m_options); });
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
