#include "diff/qualitymetrics.h"

namespace lb {

namespace {

std::optional<double> ratio(double part, double whole)
{
    if (whole <= 0.0)
        return std::nullopt;
    return part / whole;
}

QList<ObjectAnnotation> keptObjects(const QList<ObjectAnnotation> &objects, const QSet<QString> &only)
{
    if (only.isEmpty())
        return objects;
    QList<ObjectAnnotation> kept;
    for (const ObjectAnnotation &object : objects) {
        if (only.contains(object.featureHash))
            kept.append(object);
    }
    return kept;
}

} // namespace

std::optional<double> ClassQuality::precision() const
{
    return ratio(truePositives, truePositives + falsePositives);
}

std::optional<double> ClassQuality::recall() const
{
    return ratio(truePositives, truePositives + falseNegatives);
}

std::optional<double> ClassQuality::f1() const
{
    // 2PR / (P + R), which is 2TP / (2TP + FP + FN) and defined whenever either side has an object.
    return ratio(2.0 * truePositives, 2.0 * truePositives + falsePositives + falseNegatives);
}

std::optional<double> ClassQuality::meanIoU() const
{
    return ratio(iouSum, iouCount);
}

ClassQuality &ClassQuality::operator+=(const ClassQuality &other)
{
    truePositives += other.truePositives;
    falsePositives += other.falsePositives;
    falseNegatives += other.falseNegatives;
    iouSum += other.iouSum;
    iouCount += other.iouCount;
    return *this;
}

void QualityMetrics::pairOf(const QString &reference, const QString &predicted, std::optional<double> score)
{
    ++m_confusion[reference][predicted];
    if (!reference.isNull() && reference == predicted) {
        ClassQuality &quality = m_classes[reference];
        ++quality.truePositives;
        if (score) {
            quality.iouSum += *score;
            ++quality.iouCount;
        }
        return;
    }
    if (!reference.isNull())
        ++m_classes[reference].falseNegatives;
    if (!predicted.isNull())
        ++m_classes[predicted].falsePositives;
}

void QualityMetrics::addFrame(const QList<ObjectAnnotation> &reference,
                              const QList<ObjectAnnotation> &prediction, const MatchOptions &options,
                              QList<CountedPair> *pairs)
{
    ++m_frames;
    const QList<ObjectAnnotation> ref = keptObjects(reference, m_only);
    const QList<ObjectAnnotation> pred = keptObjects(prediction, m_only);
    const ObjectMatching matching = matchObjects(ref, pred, options);
    for (const ObjectMatch &pair : matching.pairs) {
        const ObjectAnnotation &r = ref.at(pair.source), &p = pred.at(pair.target);
        pairOf(r.featureHash, p.featureHash, pair.score);
        if (pairs)
            pairs->append({r.featureHash, p.featureHash, r.objectHash, p.objectHash});
    }
    for (const qsizetype missed : matching.unmatchedSource) {
        pairOf(ref.at(missed).featureHash, none(), std::nullopt);
        if (pairs)
            pairs->append({ref.at(missed).featureHash, none(), ref.at(missed).objectHash, QString()});
    }
    for (const qsizetype extra : matching.unmatchedTarget) {
        pairOf(none(), pred.at(extra).featureHash, std::nullopt);
        if (pairs)
            pairs->append({none(), pred.at(extra).featureHash, QString(), pred.at(extra).objectHash});
    }
}

void QualityMetrics::addIdentical(const QHash<QString, int> &objectsPerClass)
{
    ++m_frames;
    for (auto it = objectsPerClass.cbegin(); it != objectsPerClass.cend(); ++it) {
        if (!counts(it.key()) || it.value() <= 0)
            continue;
        ClassQuality &quality = m_classes[it.key()];
        quality.truePositives += it.value();
        quality.iouSum += it.value();
        quality.iouCount += it.value();
        m_confusion[it.key()][it.key()] += it.value();
    }
}

void QualityMetrics::addMissed(const QHash<QString, int> &objectsPerClass)
{
    ++m_frames;
    for (auto it = objectsPerClass.cbegin(); it != objectsPerClass.cend(); ++it) {
        if (!counts(it.key()) || it.value() <= 0)
            continue;
        m_classes[it.key()].falseNegatives += it.value();
        m_confusion[it.key()][none()] += it.value();
    }
}

void QualityMetrics::addExtra(const QHash<QString, int> &objectsPerClass)
{
    ++m_frames;
    for (auto it = objectsPerClass.cbegin(); it != objectsPerClass.cend(); ++it) {
        if (!counts(it.key()) || it.value() <= 0)
            continue;
        m_classes[it.key()].falsePositives += it.value();
        m_confusion[none()][it.key()] += it.value();
    }
}

void QualityMetrics::merge(const QualityMetrics &other)
{
    for (auto it = other.m_classes.cbegin(); it != other.m_classes.cend(); ++it)
        m_classes[it.key()] += it.value();
    for (auto row = other.m_confusion.cbegin(); row != other.m_confusion.cend(); ++row) {
        for (auto cell = row.value().cbegin(); cell != row.value().cend(); ++cell)
            m_confusion[row.key()][cell.key()] += cell.value();
    }
    m_frames += other.m_frames;
}

ClassQuality QualityMetrics::overall() const
{
    ClassQuality sum;
    for (const ClassQuality &quality : m_classes)
        sum += quality;
    return sum;
}

} // namespace lb
