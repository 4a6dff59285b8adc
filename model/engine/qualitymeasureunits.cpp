#include "engine/qualitymeasureunits.h"

#include "engine/branchcomparison.h"
#include "store/store.h"

#include <QHash>
#include <QMap>

namespace lb::qualityunits {

namespace {

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

} // namespace

Result<std::optional<LabelRowDocument>> parse(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return std::optional<LabelRowDocument>();
    Result<LabelRowDocument> row = LabelRowDocument::fromBytes(bytes);
    if (!row)
        return row.takeError();
    return std::optional(std::move(row).value());
}

Result<void> streamComparison(Store &store, const QString &reference, const QString &prediction,
                              const std::function<Result<void>(const DiffEntry &)> &add,
                              const std::function<Result<void>()> &flush, const JobControl &control,
                              const QString &what)
{
    DiffQuery query;
    query.sourceBranch = reference;
    query.targetBranch = prediction;
    const Result<qint64> read = BranchComparison(store).forEach(query, add, control);
    if (!read)
        return read.takeError();
    if (control.isCancelled())
        return fail(ErrorKind::Cancelled, QStringLiteral("%1 cancelled").arg(what));
    return flush();
}

bool objectsOnOneFrame(const DataType &type)
{
    return type == DataType::Image || type == DataType::ImageGroup || type.objectsInAnswers() ||
           type.isContainer();
}

Result<QList<UnitRows>> read(Store &store, const QString &reference, const QString &prediction,
                             const QList<DiffEntry> &entries)
{
    QStringList referenceHashes, predictionHashes;
    for (const DiffEntry &entry : entries) {
        if (!entry.sourceLabelHash.isEmpty())
            referenceHashes.append(entry.sourceLabelHash);
        if (!entry.targetLabelHash.isEmpty() && entry.status != DiffStatus::Identical)
            predictionHashes.append(entry.targetLabelHash);
    }
    auto referenceRows = fetchBytes(store, reference, referenceHashes);
    if (!referenceRows)
        return referenceRows.takeError();
    auto predictionRows = fetchBytes(store, prediction, predictionHashes);
    if (!predictionRows)
        return predictionRows.takeError();
    QList<UnitRows> units;
    units.reserve(entries.size());
    for (const DiffEntry &entry : entries)
        units.append({referenceRows->value(entry.sourceLabelHash),
                      predictionRows->value(entry.targetLabelHash), entry.status == DiffStatus::Identical});
    return units;
}

Result<QualityMetrics> measure(const UnitRows &unit, double iouThreshold, const QSet<QString> &classes,
                               QList<CountedPair> *pairs)
{
    QualityMetrics metrics(classes);
    auto reference = parse(unit.reference);
    auto prediction = unit.identical
                          ? Result<std::optional<LabelRowDocument>>(std::optional<LabelRowDocument>())
                          : parse(unit.prediction);
    if (!reference || !prediction)
        return fail(reference ? prediction.error() : reference.error());
    const LabelRowDocument *ref = reference->has_value() ? &reference->value() : nullptr;
    const LabelRowDocument *pred = unit.identical            ? ref
                                   : prediction->has_value() ? &prediction->value()
                                                             : nullptr;
    MatchOptions match;
    match.threshold = iouThreshold;
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
        metrics.addFrame(referenceFrames.value(frame), predictionFrames.value(frame), match, pairs);
    return metrics;
}

} // namespace lb::qualityunits
