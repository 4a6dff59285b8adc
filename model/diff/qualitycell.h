#pragma once

#include <QHash>
#include <QString>

namespace lb {

// One cell of the quality metrics to drill into (diff/qualitymetrics.h): which counted pairs of a reference
// class and a predicted class it holds. A confusion cell is one pair of classes (either may be
// QualityMetrics::none(): missed or extra); a class's true positives are its diagonal cell, its false
// negatives every cell of its row but the diagonal, its false positives every cell of its column but the
// diagonal. Pure.
struct QualityCell
{
    enum class Kind
    {
        Confusion,
        TruePositives,
        FalsePositives,
        FalseNegatives
    };
    Kind kind = Kind::Confusion;
    QString referenceClass; // Confusion, or the class of the other kinds
    QString predictedClass; // Confusion only

    static QualityCell confusion(const QString &reference, const QString &predicted);
    static QualityCell of(Kind kind, const QString &featureHash);

    // Whether a pair the metrics count (reference class, predicted class) falls in the cell.
    bool contains(const QString &reference, const QString &predicted) const;
    // Whether a data unit with these per-class counts can hold a pair of the cell at all.
    bool possibleIn(const QHash<QString, int> &referenceCounts,
                    const QHash<QString, int> &predictionCounts) const;

    bool isValid() const
    {
        return kind != Kind::Confusion || !referenceClass.isNull() || !predictedClass.isNull();
    }
    bool operator==(const QualityCell &other) const = default;
};

} // namespace lb
