#include "diff/qualitycell.h"

namespace lb {

QualityCell QualityCell::confusion(const QString &reference, const QString &predicted)
{
    QualityCell cell;
    cell.referenceClass = reference;
    cell.predictedClass = predicted;
    return cell;
}

QualityCell QualityCell::of(Kind kind, const QString &featureHash)
{
    QualityCell cell;
    cell.kind = kind;
    cell.referenceClass = featureHash;
    return cell;
}

bool QualityCell::contains(const QString &reference, const QString &predicted) const
{
    switch (kind) {
    case Kind::Confusion:
        // Feature hashes are never empty, so none() (a null string) equals only itself here.
        return reference == referenceClass && predicted == predictedClass;
    case Kind::TruePositives:
        return reference == referenceClass && predicted == referenceClass && !reference.isNull();
    case Kind::FalseNegatives:
        return reference == referenceClass && predicted != referenceClass;
    case Kind::FalsePositives:
        return predicted == referenceClass && reference != referenceClass;
    }
    return false;
}

bool QualityCell::possibleIn(const QHash<QString, int> &referenceCounts,
                             const QHash<QString, int> &predictionCounts) const
{
    switch (kind) {
    case Kind::Confusion: {
        // A missed or extra object needs only its own side's class.
        const bool reference = referenceClass.isNull() || referenceCounts.value(referenceClass) > 0;
        const bool predicted = predictedClass.isNull() || predictionCounts.value(predictedClass) > 0;
        return reference && predicted;
    }
    case Kind::TruePositives:
        return referenceCounts.value(referenceClass) > 0 && predictionCounts.value(referenceClass) > 0;
    case Kind::FalseNegatives:
        return referenceCounts.value(referenceClass) > 0;
    case Kind::FalsePositives:
        return predictionCounts.value(referenceClass) > 0;
    }
    return false;
}

} // namespace lb
